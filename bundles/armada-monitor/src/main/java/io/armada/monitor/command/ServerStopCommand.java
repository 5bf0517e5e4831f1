package io.armada.monitor.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "monitor", name = "server-stop", description = "Stops one service this node manages (ServerHandler stop)")
public class ServerStopCommand extends ServerControlSupport {

    @Override
    public Object execute() {
        return run("stop");
    }
}
