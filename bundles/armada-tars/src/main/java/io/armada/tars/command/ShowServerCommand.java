package io.armada.tars.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.tars.ServerConf;

/** {@code tars:server <id>}: one server with its adapters. */
@Service
@Command(scope = "tars", name = "server", description = "Shows one server and its adapters")
public class ShowServerCommand extends TarsCommandSupport {

    @Argument(index = 0, name = "id", required = true, description = "The server id (tars:servers lists them)")
    long id;

    @Override
    public Object execute() {
        ServerConf s = tars.server(id);
        printServers(List.of(s));
        System.out.println("template: " + s.templateName() + ", async threads: " + s.asyncThreadNum()
                + ", patch version: " + (s.patchVersion().isEmpty() ? "-" : s.patchVersion()));
        printAdapters(tars.adapters(id));
        return null;
    }
}
