package io.armada.tars.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.table.ShellTable;

import io.armada.tars.AdapterConf;
import io.armada.tars.ServerConf;
import io.armada.tars.TarsService;

/** What every {@code tars:} command shares: the service, and how servers and adapters are printed. */
public abstract class TarsCommandSupport implements Action {

    @Reference
    protected TarsService tars;

    protected static void printServers(List<ServerConf> rows) {
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("Application");
        table.column("Server");
        table.column("Node");
        table.column("Set");
        table.column("Type");
        table.column("Setting");
        table.column("Present");
        for (ServerConf s : rows) {
            table.addRow().addContent(s.id(), s.application(), s.serverName(), s.nodeName(),
                    s.enableSet() ? s.setName() + "." + s.setArea() + "." + s.setGroup() : "", s.serverType(),
                    s.settingState(), s.presentState());
        }
        table.print(System.out);
    }

    protected static void printAdapters(List<AdapterConf> rows) {
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("Adapter");
        table.column("Node");
        table.column("Endpoint");
        table.column("Threads").alignRight();
        table.column("Max conn.").alignRight();
        table.column("Protocol");
        for (AdapterConf a : rows) {
            table.addRow().addContent(a.id(), a.adapterName(), a.nodeName(), a.endpoint(), a.threadNum(),
                    a.maxConnections(), a.protocol());
        }
        table.print(System.out);
    }
}
