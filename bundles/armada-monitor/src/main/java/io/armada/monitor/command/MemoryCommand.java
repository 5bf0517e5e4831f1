package io.armada.monitor.command;

import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.monitor.MonitorService;

@Service
@Command(scope = "monitor", name = "memory", description = "Total and available memory and its utilisation")
public class MemoryCommand implements Action {

    @Reference
    MonitorService monitor;

    @Override
    public Object execute() {
        Map<String, Object> m = monitor.memory();
        System.out.println("total:       " + Sizes.bytes(m.get("total")) + " (" + m.get("total") + " bytes)");
        System.out.println("available:   " + Sizes.bytes(m.get("available")) + " (" + m.get("available") + " bytes)");
        System.out.println("utilization: " + m.get("utilization") + " %");
        return null;
    }
}
