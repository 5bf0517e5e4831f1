package io.armada.monitor.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.monitor.CpuFigures;

@Service
@Command(scope = "monitor", name = "cpu", description = "Logical CPUs and their utilisation over the last second")
public class CpuCommand extends MonitorCommandSupport {

    @Override
    public Object execute() {
        CpuFigures cpu = monitor.cpu();
        System.out.println("CPUs:        " + cpu.numbers());
        System.out.println("utilization: " + cpu.utilization() + " %");
        return null;
    }
}
