package io.armada.monitor.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.monitor.Reporting;

@Service
@Command(scope = "monitor", name = "report-resume", description = "Resumes the reports to the server (kept across restarts)")
public class ReportResumeCommand implements Action {

    @Reference
    Reporting reporting;

    @Override
    public Object execute() {
        reporting.resume();
        System.out.println("reporting resumed");
        return null;
    }
}
