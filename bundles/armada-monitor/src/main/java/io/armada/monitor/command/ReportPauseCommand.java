package io.armada.monitor.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "monitor", name = "report-pause", description = "Stops the reports to the server (kept across restarts) until report-resume")
public class ReportPauseCommand extends MonitorCommandSupport {

    @Override
    public Object execute() {
        reporting.pause();
        System.out.println("reporting paused");
        return null;
    }
}
