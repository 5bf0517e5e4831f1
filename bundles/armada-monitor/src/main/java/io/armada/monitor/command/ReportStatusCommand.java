package io.armada.monitor.command;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.monitor.ReportingState;

@Service
@Command(scope = "monitor", name = "report-status", description = "Where the node reports to, whether it is paused, and how the last reports went")
public class ReportStatusCommand extends MonitorCommandSupport {

    @Override
    public Object execute() {
        ReportingState s = reporting.state();
        System.out.println("target:       " + (s.target() == null ? "(none: set ARMADA_SERVER_URL or TimerHandler update)" : s.target()));
        System.out.println("node_uuid:    " + s.nodeUuid());
        System.out.println("state:        " + (s.paused() ? "paused" : s.target() == null ? "idle" : "reporting"));
        System.out.println("interval:     " + s.intervalSeconds() + " s");
        System.out.println("last success: " + (s.lastSuccessUtc() == 0 ? "never" : Instant.ofEpochSecond(s.lastSuccessUtc())));
        System.out.println("last error:   " + (s.lastError() == null ? "-" : s.lastError()));
        System.out.println("sent/failed:  " + s.sent() + "/" + s.failed());
        return null;
    }
}
