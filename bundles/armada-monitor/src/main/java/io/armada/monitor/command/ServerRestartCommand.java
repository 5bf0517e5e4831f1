package io.armada.monitor.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "monitor", name = "server-restart", description = "Restarts one service this node manages (ServerHandler restart)")
public class ServerRestartCommand extends ServerControlSupport {

    @Override
    public Object execute() {
        return run("restart");
    }
}
