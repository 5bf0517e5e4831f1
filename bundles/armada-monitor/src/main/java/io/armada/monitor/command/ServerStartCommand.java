package io.armada.monitor.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "monitor", name = "server-start", description = "Starts one service this node manages (ServerHandler start)")
public class ServerStartCommand extends ServerControlSupport {

    @Override
    public Object execute() {
        return run("start");
    }
}
