package io.armada.monitor.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "monitor", name = "report-resume", description = "Resumes the reports to the server (kept across restarts)")
public class ReportResumeCommand extends MonitorCommandSupport {

    @Override
    public Object execute() {
        reporting.resume();
        System.out.println("reporting resumed");
        return null;
    }
}
