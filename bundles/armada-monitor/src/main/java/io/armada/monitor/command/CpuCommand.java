package io.armada.monitor.command;

import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.monitor.MonitorService;

@Service
@Command(scope = "monitor", name = "cpu", description = "Logical CPUs and their utilisation over the last second")
public class CpuCommand implements Action {

    @Reference
    MonitorService monitor;

    @Override
    public Object execute() {
        Map<String, Object> cpu = monitor.cpu();
        System.out.println("CPUs:        " + cpu.get("numbers"));
        System.out.println("utilization: " + cpu.get("utilization") + " %");
        return null;
    }
}
