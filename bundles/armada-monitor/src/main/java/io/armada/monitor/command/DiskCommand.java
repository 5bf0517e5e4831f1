package io.armada.monitor.command;

import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.armada.monitor.DiskFigures;

@Service
@Command(scope = "monitor", name = "disk", description = "Real file systems: size, use and whether the disk rotates")
public class DiskCommand extends MonitorCommandSupport {

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Mount");
        table.column("Type");
        table.column("Total").alignRight();
        table.column("Used").alignRight();
        table.column("Free").alignRight();
        table.column("Use %").alignRight();
        for (Map.Entry<String, DiskFigures.FileSystem> e : monitor.disk().mounts().entrySet()) {
            DiskFigures.FileSystem d = e.getValue();
            table.addRow().addContent(e.getKey(), d.type() == 0 ? "0 non-rotational" : "1 rotational", bytes(d.total()),
                    bytes(d.used()), bytes(d.free()), d.utilization());
        }
        table.print(System.out);
        return null;
    }
}
