package io.armada.monitor.command;

import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.armada.monitor.NetworkFigures;
import io.armada.monitor.NetworkIoFigures;

@Service
@Command(scope = "monitor", name = "network", description = "Physical NICs: address, link, speed and bytes received and sent")
public class NetworkCommand extends MonitorCommandSupport {

    @Override
    public Object execute() {
        Map<String, NetworkIoFigures.Counters> io = monitor.networkio().nics();
        ShellTable table = new ShellTable();
        table.column("NIC");
        table.column("IP");
        table.column("Mask");
        table.column("MAC");
        table.column("Speed").alignRight();
        table.column("Link");
        table.column("Received").alignRight();
        table.column("Sent").alignRight();
        for (Map.Entry<String, NetworkFigures.Nic> e : monitor.network().nics().entrySet()) {
            NetworkFigures.Nic n = e.getValue();
            NetworkIoFigures.Counters c = io.get(e.getKey());
            table.addRow().addContent(e.getKey(), n.ip(), n.mask(), n.mac(), n.speed() + " Mb/s", n.up() ? "up" : "down",
                    c == null ? "-" : bytes(c.bytesRecv()), c == null ? "-" : bytes(c.bytesSend()));
        }
        table.print(System.out);
        return null;
    }
}
