package io.armada.monitor.internal;

import static io.armada.monitor.internal.ProcMetrics.fields;
import static io.armada.monitor.internal.ProcMetrics.parseLong;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code /proc/net/netstat}, {@code snmp} and {@code snmp6}: node_exporter's netstat collector. */
final class ProcNetstat {
    /** node_exporter's {@code --collector.netstat.fields} default. */
    static final Pattern NETSTAT_FIELDS = Pattern.compile("^(.*_(InErrors|InErrs)|Ip_Forwarding|Ip(6|Ext)_(InOctets|OutOctets)"
            + "|Icmp6?_(InMsgs|OutMsgs)|TcpExt_(Listen.*|Syncookies.*|TCPSynRetrans|TCPTimeouts)"
            + "|Tcp_(ActiveOpens|InSegs|OutSegs|OutRsts|PassiveOpens|RetransSegs|CurrEstab)"
            + "|Udp6?_(InDatagrams|OutDatagrams|NoPorts|RcvbufErrors|SndbufErrors))$");

    private ProcNetstat() {
    }

    /**
     * {@code /proc/net/netstat} and {@code /proc/net/snmp} (pairs of "Proto: names" / "Proto: values" lines) and
     * {@code /proc/net/snmp6} ("Ip6InOctets value" lines): the counters of node_exporter's default selection as
     * {@code node_netstat_<Proto>_<Field>}, untyped.
     */
    static boolean netstat(String netstat, String snmp, String snmp6, MetricsText m) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String text : new String[] {netstat, snmp}) {
            if (text == null) {
                continue;
            }
            String[] lines = text.split("\n");
            for (int i = 0; i + 1 < lines.length; i += 2) {
                String[] names = fields(lines[i]);
                String[] values = fields(lines[i + 1]);
                if (names.length == 0 || names.length != values.length || !names[0].equals(values[0])) {
                    continue;
                }
                String proto = names[0].substring(0, names[0].length() - 1);
                for (int k = 1; k < names.length; k++) {
                    out.put(proto + "_" + names[k], values[k]);
                }
            }
        }
        if (snmp6 != null) {
            for (String line : snmp6.split("\n")) {
                String[] f = fields(line);
                int six = f.length == 2 ? f[0].indexOf('6') : -1;
                if (six > 0) {
                    out.put(f[0].substring(0, six + 1) + "_" + f[0].substring(six + 1), f[1]);
                }
            }
        }
        boolean any = false;
        for (Map.Entry<String, String> e : out.entrySet()) {
            Long v = parseLong(e.getValue());
            if (v == null || !NETSTAT_FIELDS.matcher(e.getKey()).matches()) {
                continue;
            }
            String name = "node_netstat_" + e.getKey();
            m.family(name, "untyped", "Statistic " + e.getKey().replace("_", "") + ".").sample(name, (long) v);
            any = true;
        }
        return any;
    }
}
