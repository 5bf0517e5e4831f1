package io.armada.monitor.command;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import io.armada.monitor.MonitorService;
import io.armada.monitor.Reporting;

/** What every {@code monitor:} command shares: the monitor's services, and byte counts for people. */
public abstract class MonitorCommandSupport implements Action {

    @Reference
    protected MonitorService monitor;

    @Reference
    protected Reporting reporting;

    /** 1536 → "1.5 KiB"; under 1 KiB, "N B". */
    protected static String bytes(long value) {
        double v = value;
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%d B", value) : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
