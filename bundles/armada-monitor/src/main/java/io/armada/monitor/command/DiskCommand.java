package io.armada.monitor.command;

import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.armada.monitor.MonitorService;

@Service
@Command(scope = "monitor", name = "disk", description = "Real file systems: size, use and whether the disk rotates")
public class DiskCommand implements Action {

    @Reference
    MonitorService monitor;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Mount");
        table.column("Type");
        table.column("Total").alignRight();
        table.column("Used").alignRight();
        table.column("Free").alignRight();
        table.column("Use %").alignRight();
        for (Map.Entry<String, Object> e : monitor.disk().entrySet()) {
            if (e.getValue() instanceof Map<?, ?> d) {
                table.addRow().addContent(e.getKey(), Integer.valueOf(0).equals(d.get("type")) ? "0 non-rotational" : "1 rotational",
                        Sizes.bytes(d.get("total")), Sizes.bytes(d.get("used")), Sizes.bytes(d.get("free")),
                        d.get("utilization"));
            }
        }
        table.print(System.out);
        return null;
    }
}
