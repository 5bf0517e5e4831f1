package io.armada.monitor.command;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.armada.monitor.internal.servers.ManagedServers;
import io.armada.monitor.internal.servers.ServiceFigure;

@Service
@Command(scope = "monitor", name = "servers", description = "The services this node manages (ServerHandler): state, pids, CPU, memory")
public class ServersCommand implements Action {

    @Reference
    ManagedServers servers;

    @Override
    public Object execute() {
        List<ServiceFigure> figures = servers.figures();
        ShellTable table = new ShellTable();
        table.column("App");
        table.column("Server");
        table.column("Version");
        table.column("State");
        table.column("Pids");
        table.column("CPU %");
        table.column("RSS");
        for (ServiceFigure f : figures) {
            table.addRow().addContent(f.app(), f.server(), f.version(), f.active() ? "active" : "inactive",
                    f.pids().stream().map(String::valueOf).collect(Collectors.joining(",")),
                    String.format(Locale.ROOT, "%.1f", f.cpuPercent()),
                    MonitorCommandSupport.bytes(f.rssBytes()));
        }
        table.print(System.out);
        return null;
    }
}
