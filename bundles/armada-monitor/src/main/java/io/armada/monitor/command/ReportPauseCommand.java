package io.armada.monitor.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.monitor.Reporting;

@Service
@Command(scope = "monitor", name = "report-pause", description = "Stops the reports to the server (kept across restarts) until report-resume")
public class ReportPauseCommand implements Action {

    @Reference
    Reporting reporting;

    @Override
    public Object execute() {
        reporting.pause();
        System.out.println("reporting paused");
        return null;
    }
}
