package io.armada.monitor.command;

import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.armada.monitor.MonitorService;

@Service
@Command(scope = "monitor", name = "network", description = "Physical NICs: address, link, speed and bytes received and sent")
public class NetworkCommand implements Action {

    @Reference
    MonitorService monitor;

    @Override
    public Object execute() {
        Map<String, Object> io = monitor.networkio();
        ShellTable table = new ShellTable();
        table.column("NIC");
        table.column("IP");
        table.column("Mask");
        table.column("MAC");
        table.column("Speed").alignRight();
        table.column("Link");
        table.column("Received").alignRight();
        table.column("Sent").alignRight();
        for (Map.Entry<String, Object> e : monitor.network().entrySet()) {
            if (e.getValue() instanceof Map<?, ?> n) {
                Map<?, ?> c = io.get(e.getKey()) instanceof Map<?, ?> m ? m : Map.of();
                table.addRow().addContent(e.getKey(), n.get("ip"), n.get("mask"), n.get("mac"), n.get("speed") + " Mb/s",
                        Boolean.TRUE.equals(n.get("stat")) ? "up" : "down", Sizes.bytes(c.get("bytes_recv")),
                        Sizes.bytes(c.get("bytes_send")));
            }
        }
        table.print(System.out);
        return null;
    }
}
