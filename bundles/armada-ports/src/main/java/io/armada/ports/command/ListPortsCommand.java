package io.armada.ports.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.armada.ports.PortAllocation;

/** {@code port:list}: the ports allocated on an agent. */
@Service
@Command(scope = "port", name = "list", description = "Lists the ports allocated on an agent")
public class ListPortsCommand extends PortsCommandSupport {

    @Option(name = "-e", aliases = "--endpoint", description = "Only the ports of this endpoint (with --entity)")
    String endpoint;

    @Option(name = "-n", aliases = "--entity", description = "Only the ports of this entity of --endpoint")
    Long entity;

    @Override
    public Object execute() {
        List<PortAllocation> rows = endpoint != null && entity != null
                ? ports.list(agentId, endpoint, entity) : ports.list(agentId);
        ShellTable table = new ShellTable();
        table.column("Port");
        table.column("Endpoint");
        table.column("Entity");
        table.column("Desc");
        for (PortAllocation a : rows) {
            if (endpoint == null || endpoint.equalsIgnoreCase(a.endpoint())) {
                table.addRow().addContent(a.port(), a.endpoint(), a.entity(), a.desc() == null ? "" : a.desc());
            }
        }
        table.print(System.out);
        return null;
    }
}
