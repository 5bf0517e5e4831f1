package io.armada.tars.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.armada.tars.ConfigFile;
import io.armada.tars.TarsConfigs;

/** {@code tars:configs <application> [server]}: the application's files, or the server's. */
@Service
@Command(scope = "tars", name = "configs", description = "Lists the config files of an application or of one server")
public class ListConfigsCommand extends TarsCommandSupport {

    @Reference
    TarsConfigs configs;

    @Argument(index = 0, name = "application", required = true, description = "The application")
    String application;

    @Argument(index = 1, name = "server", required = false, description = "A server of it: its server-level files")
    String server;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("Level").alignRight();
        table.column("Owner");
        table.column("Node");
        table.column("File");
        table.column("Chars").alignRight();
        int level = server == null ? 1 : 5;
        int n = 0;
        for (ConfigFile c : configs.list(level, application, server, null, null, null)) {
            table.addRow().addContent(c.id(), c.level(), c.serverName(), c.nodeName(), c.filename(),
                    c.config().length());
            n++;
        }
        table.print(System.out);
        System.out.println(n + " file(s)");
        return null;
    }
}
