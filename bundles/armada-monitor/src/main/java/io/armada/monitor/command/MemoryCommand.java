package io.armada.monitor.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.monitor.MemoryFigures;

@Service
@Command(scope = "monitor", name = "memory", description = "Total and available memory and its utilisation")
public class MemoryCommand extends MonitorCommandSupport {

    @Override
    public Object execute() {
        MemoryFigures m = monitor.memory();
        System.out.println("total:       " + bytes(m.total()) + " (" + m.total() + " bytes)");
        System.out.println("available:   " + bytes(m.available()) + " (" + m.available() + " bytes)");
        System.out.println("utilization: " + m.utilization() + " %");
        return null;
    }
}
