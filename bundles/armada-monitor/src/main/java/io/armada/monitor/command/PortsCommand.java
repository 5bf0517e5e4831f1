package io.armada.monitor.command;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "monitor", name = "ports", description = "ESTABLISHED TCP connections per local port, and port_status (in use at 4 or more)")
public class PortsCommand extends MonitorCommandSupport {

    @Argument(index = 0, name = "ports", description = "Local TCP port numbers (1-65535)", required = true, multiValued = true)
    List<Integer> ports;

    @Override
    public Object execute() {
        for (Integer p : ports) {
            if (p == null || p < 1 || p > 65535) {
                throw new IllegalArgumentException("a port is a number from 1 to 65535, not " + p);
            }
        }
        ShellTable table = new ShellTable();
        table.column("Port").alignRight();
        table.column("Established").alignRight();
        table.column("port_status");
        for (Map.Entry<Integer, Integer> e : monitor.establishedConnections(ports).entrySet()) {
            table.addRow().addContent(e.getKey(), e.getValue(), e.getValue() >= 4);
        }
        table.print(System.out);
        return null;
    }
}
