package io.armada.tars;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Service statistics (SPEC §10.4, beyond TarsWeb): call records ({@code report_stat}) and property records
 * ({@code report_property}) aggregated per 5-minute slot, and the two monitor views over them.
 *
 * @since 1.1
 */
@ProviderType
public interface TarsStats {
    /** Seconds in a slot. */
    int SLOT_SECONDS = 300;

    /** One call record: who called whom, how many times, failures, time-outs and their total time (ms). */
    record StatRecord(long time, String masterName, String slaveName, String interfaceName, String masterIp,
            String slaveIp, long count, long failCount, long timeoutCount, long totalTime) {
    }

    /** One property value; {@code policy} is Sum, Avg, Max, Min or Count. */
    record PropertyRecord(long time, String masterName, String masterIp, String propertyName, String policy,
            double value) {
    }

    /** Adds a batch; how many records went in. */
    int reportStat(List<StatRecord> records);

    int reportProperty(List<PropertyRecord> records);

    /**
     * {@code tarsstat_monitor_data}: per slot (or per {@code groupBy} dimension) of {@code theDate} beside
     * {@code preDate}, rows of TarsWeb's fields with counts, waves and rates as strings.
     *
     * @param filters {@code master_name}, {@code slave_name}, {@code interface_name}, {@code master_ip},
     *        {@code slave_ip} (each optional)
     * @param startTime {@code HHmm}, inclusive, or {@code null}
     * @param endTime {@code HHmm}, inclusive, or {@code null}
     */
    List<Map<String, String>> statMonitor(LocalDate theDate, LocalDate preDate, String startTime, String endTime,
            Map<String, String> filters, String groupBy);

    List<Map<String, String>> propertyMonitor(LocalDate theDate, LocalDate preDate, String startTime,
            String endTime, Map<String, String> filters, String groupBy);
}
