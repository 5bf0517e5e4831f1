package io.armada.monitor.command;

import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Service
@Command(scope = "monitor", name = "services", description = "The configured systemd services and their state ('not found' without systemd)")
public class ServicesCommand extends MonitorCommandSupport {

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Service");
        table.column("State");
        for (Map.Entry<String, String> e : monitor.service().states().entrySet()) {
            table.addRow().addContent(e.getKey(), e.getValue());
        }
        table.print(System.out);
        return null;
    }
}
