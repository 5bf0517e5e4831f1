package io.armada.tars.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.armada.core.ApiException;
import io.armada.persistence.JpaStore;
import io.armada.tars.TarsStats;
import io.armada.tars.internal.jpa.JpaStatDao;

/**
 * Service statistics (SPEC §10.4): a batch is checked whole (a bad record refuses it, nothing written), summed in
 * memory per slot and key, then added to the stored sums in one transaction, together with the batches that came
 * meanwhile ({@link GroupWriter}). The monitor views compare two days slot by slot (or by one dimension with
 * {@code group_by}), values as strings as TarsWeb shows them.
 */
@Component(service = TarsStats.class)
public class StatServiceImpl implements TarsStats {
    static final int MAX_BATCH = 5000;
    static final Set<String> POLICIES = Set.of("Sum", "Avg", "Max", "Min", "Count");
    /** Parameter name to stored field, for filters and {@code group_by}. */
    static final Map<String, String> STAT_FIELDS = Map.of("master_name", "masterName", "slave_name", "slaveName",
            "interface_name", "interfaceName", "master_ip", "masterIp", "slave_ip", "slaveIp");
    static final Map<String, String> PROPERTY_FIELDS = Map.of("master_name", "masterName", "master_ip", "masterIp",
            "property_name", "propertyName", "policy", "policy");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final StatDao dao;
    private final Clock clock;
    private final ZoneId zone;
    private final GroupWriter<List<Object>, StatDao.StatAdd> statWriter;
    private final GroupWriter<List<Object>, StatDao.PropertyAdd> propertyWriter;

    @Activate
    public StatServiceImpl(@Reference(target = "(osgi.unit.name=armada-tars)") JpaTemplate jpa) {
        this(new JpaStatDao(new JpaStore(jpa)), Clock.systemUTC(), ZoneId.systemDefault());
    }

    StatServiceImpl(StatDao dao, Clock clock, ZoneId zone) {
        this.dao = dao;
        this.clock = clock;
        this.zone = zone;
        this.statWriter = new GroupWriter<>(a -> List.of(a.slot(), a.masterName(), a.slaveName(), a.interfaceName(),
                a.masterIp(), a.slaveIp()), StatServiceImpl::plus, dao::addStats);
        this.propertyWriter = new GroupWriter<>(a -> List.of(a.slot(), a.masterName(), a.masterIp(),
                a.propertyName(), a.policy()), StatServiceImpl::plus, dao::addProperties);
    }

    static StatDao.StatAdd plus(StatDao.StatAdd a, StatDao.StatAdd b) {
        return new StatDao.StatAdd(a.slot(), a.masterName(), a.slaveName(), a.interfaceName(), a.masterIp(),
                a.slaveIp(), a.count() + b.count(), a.failCount() + b.failCount(), a.timeoutCount() + b.timeoutCount(),
                a.totalTime() + b.totalTime());
    }

    static StatDao.PropertyAdd plus(StatDao.PropertyAdd a, StatDao.PropertyAdd b) {
        return new StatDao.PropertyAdd(a.slot(), a.masterName(), a.masterIp(), a.propertyName(), a.policy(),
                a.sum() + b.sum(), a.count() + b.count(), Math.max(a.max(), b.max()), Math.min(a.min(), b.min()));
    }

    static long slot(long epochSeconds) {
        return epochSeconds - Math.floorMod(epochSeconds, SLOT_SECONDS);
    }

    private long time(long t, int i) {
        if (t < 0) {
            throw ApiException.badRequest("records[" + i + "].time must be epoch seconds");
        }
        return t == 0 ? clock.instant().getEpochSecond() : t;
    }

    private static String text(String v, String field, int i, int max, boolean required) {
        String s = v == null ? "" : v.trim();
        if (required && s.isEmpty()) {
            throw ApiException.badRequest("records[" + i + "]." + field + "#common.notEmpty#");
        }
        if (s.length() > max) {
            throw ApiException.badRequest("records[" + i + "]." + field + " is longer than " + max + " characters");
        }
        return s;
    }

    private static void batch(List<?> records) {
        if (records == null || records.isEmpty()) {
            throw ApiException.badRequest("records#common.notEmpty#");
        }
        if (records.size() > MAX_BATCH) {
            throw ApiException.badRequest("at most " + MAX_BATCH + " records in a batch");
        }
    }

    @Override
    public int reportStat(List<StatRecord> records) {
        batch(records);
        Map<List<Object>, StatDao.StatAdd> sums = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            StatRecord r = records.get(i);
            if (r == null) {
                throw ApiException.badRequest("records[" + i + "] must be an object");
            }
            long slot = slot(time(r.time(), i));
            String mn = text(r.masterName(), "master_name", i, 128, true);
            String sn = text(r.slaveName(), "slave_name", i, 128, true);
            String in = text(r.interfaceName(), "interface_name", i, 128, true);
            String mi = text(r.masterIp(), "master_ip", i, 64, false);
            String si = text(r.slaveIp(), "slave_ip", i, 64, false);
            if (r.count() < 0 || r.failCount() < 0 || r.timeoutCount() < 0 || r.totalTime() < 0) {
                throw ApiException.badRequest("records[" + i + "]: counts and total_time must not be negative");
            }
            if (r.failCount() + r.timeoutCount() > r.count()) {
                throw ApiException.badRequest("records[" + i + "]: fail_count + timeout_count exceed count");
            }
            sums.merge(List.of(slot, mn, sn, in, mi, si), new StatDao.StatAdd(slot, mn, sn, in, mi, si, r.count(),
                    r.failCount(), r.timeoutCount(), r.totalTime()), StatServiceImpl::plus);
        }
        statWriter.write(sums.values());
        return records.size();
    }

    @Override
    public int reportProperty(List<PropertyRecord> records) {
        batch(records);
        Map<List<Object>, StatDao.PropertyAdd> sums = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            PropertyRecord r = records.get(i);
            if (r == null) {
                throw ApiException.badRequest("records[" + i + "] must be an object");
            }
            long slot = slot(time(r.time(), i));
            String mn = text(r.masterName(), "master_name", i, 128, true);
            String mi = text(r.masterIp(), "master_ip", i, 64, false);
            String pn = text(r.propertyName(), "property_name", i, 128, true);
            String po = text(r.policy(), "policy", i, 16, true);
            if (!POLICIES.contains(po)) {
                throw ApiException.badRequest("records[" + i + "].policy must be one of Sum, Avg, Max, Min, Count");
            }
            if (Double.isNaN(r.value()) || Double.isInfinite(r.value())) {
                throw ApiException.badRequest("records[" + i + "].value must be a number");
            }
            double v = r.value();
            sums.merge(List.of(slot, mn, mi, pn, po), new StatDao.PropertyAdd(slot, mn, mi, pn, po, v, 1, v, v),
                    StatServiceImpl::plus);
        }
        propertyWriter.write(sums.values());
        return records.size();
    }

    // ------------------------------------------------------------------ views

    /** {@code YYYYMMDD} or {@code YYYY-MM-DD}. */
    static LocalDate day(String text, String name) {
        String t = text.trim();
        try {
            return t.length() == 8 ? LocalDate.parse(t, DAY) : LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be YYYYMMDD or YYYY-MM-DD");
        }
    }

    /** {@code HHmm} as minutes of the day; {@code 2400}/{@code 2360} (TarsWeb's end of day) allowed. */
    static int minutes(String text, String name, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String t = text.trim().replace(":", "");
        if (!t.matches("\\d{4}")) {
            throw ApiException.badRequest(name + " must be HHmm");
        }
        int h = Integer.parseInt(t.substring(0, 2));
        int m = Integer.parseInt(t.substring(2));
        if (h > 24 || m > 60) {
            throw ApiException.badRequest(name + " must be HHmm");
        }
        return Math.min(h * 60 + m, 24 * 60 - 1);
    }

    private record View(LocalDate the, LocalDate pre, int start, int end, Map<String, String> filters,
            String groupField, String groupParam) {
    }

    private View view(LocalDate theDate, LocalDate preDate, String startTime, String endTime,
            Map<String, String> filters, String groupBy, Map<String, String> fields) {
        LocalDate the = theDate == null ? LocalDate.now(clock.withZone(zone)) : theDate;
        LocalDate pre = preDate == null ? the.minusDays(1) : preDate;
        int start = minutes(startTime, "startshowtime", 0);
        int end = minutes(endTime, "endshowtime", 24 * 60 - 1);
        if (start > end) {
            throw ApiException.badRequest("startshowtime is after endshowtime");
        }
        Map<String, String> f = new LinkedHashMap<>();
        if (filters != null) {
            filters.forEach((k, v) -> {
                if (v != null && !v.isBlank()) {
                    String field = fields.get(k);
                    if (field == null) {
                        throw ApiException.badRequest(k + " is not a filter here");
                    }
                    f.put(field, v.trim());
                }
            });
        }
        String g = groupBy == null ? "" : groupBy.trim().toLowerCase(Locale.ROOT);
        String field = "slot";
        if (!g.isEmpty() && !g.equals("time") && !g.equals("show_time")) {
            field = fields.get(g);
            if (field == null) {
                throw ApiException.badRequest("group_by must be one of " + new TreeSet<>(fields.keySet()));
            }
        } else {
            g = "";
        }
        return new View(the, pre, start, end, f, field, g);
    }

    private long[] range(LocalDate d, View v) {
        long base = d.atStartOfDay(zone).toEpochSecond();
        return new long[] {base + v.start() * 60L, base + v.end() * 60L};
    }

    private String key(Object k, LocalDate d, boolean bySlot) {
        if (!bySlot) {
            return String.valueOf(k);
        }
        long s = ((Number) k).longValue();
        LocalTime t = java.time.Instant.ofEpochSecond(s).atZone(zone).toLocalTime();
        return String.format(Locale.ROOT, "%02d%02d", t.getHour(), t.getMinute());
    }

    @Override
    public List<Map<String, String>> statMonitor(LocalDate theDate, LocalDate preDate, String startTime,
            String endTime, Map<String, String> filters, String groupBy) {
        View v = view(theDate, preDate, startTime, endTime, filters, groupBy, STAT_FIELDS);
        boolean bySlot = v.groupField().equals("slot");
        long[] t = range(v.the(), v);
        long[] p = range(v.pre(), v);
        Map<String, StatDao.StatSum> the = new LinkedHashMap<>();
        dao.statSums(t[0], t[1], v.filters(), v.groupField()).forEach(s -> the.put(key(s.key(), v.the(), bySlot), s));
        Map<String, StatDao.StatSum> pre = new LinkedHashMap<>();
        dao.statSums(p[0], p[1], v.filters(), v.groupField()).forEach(s -> pre.put(key(s.key(), v.pre(), bySlot), s));
        TreeSet<String> keys = new TreeSet<>(the.keySet());
        keys.addAll(pre.keySet());
        List<Map<String, String>> rows = new ArrayList<>();
        for (String k : keys) {
            StatDao.StatSum a = the.get(k);
            StatDao.StatSum b = pre.get(k);
            Map<String, String> m = new LinkedHashMap<>();
            m.put("show_date", DAY.format(v.the()));
            m.put("show_time", bySlot ? k : "%");
            for (String dim : List.of("master_name", "slave_name", "interface_name", "master_ip", "slave_ip")) {
                String field = STAT_FIELDS.get(dim);
                m.put(dim, dim.equals(v.groupParam()) ? k : v.filters().getOrDefault(field, "%"));
            }
            m.put("the_total_count", a == null ? "--" : Long.toString(a.count()));
            m.put("pre_total_count", b == null ? "--" : Long.toString(b.count()));
            m.put("total_count_wave", a == null || b == null || b.count() == 0 ? "--"
                    : percent((a.count() - b.count()) * 100.0 / b.count()));
            m.put("the_avg_time", a == null ? "--" : avg(a.totalTime(), a.count()));
            m.put("pre_avg_time", b == null ? "--" : avg(b.totalTime(), b.count()));
            m.put("the_fail_rate", a == null ? "--" : rate(a.failCount(), a.count()));
            m.put("pre_fail_rate", b == null ? "--" : rate(b.failCount(), b.count()));
            m.put("the_timeout_rate", a == null ? "--" : rate(a.timeoutCount(), a.count()));
            m.put("pre_timeout_rate", b == null ? "--" : rate(b.timeoutCount(), b.count()));
            rows.add(m);
        }
        return rows;
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.2f%%", v);
    }

    private static String avg(long total, long count) {
        return count == 0 ? "0.00" : String.format(Locale.ROOT, "%.2f", (double) total / count);
    }

    private static String rate(long part, long count) {
        return count == 0 ? "0.00%" : percent(part * 100.0 / count);
    }

    @Override
    public List<Map<String, String>> propertyMonitor(LocalDate theDate, LocalDate preDate, String startTime,
            String endTime, Map<String, String> filters, String groupBy) {
        View v = view(theDate, preDate, startTime, endTime, filters, groupBy, PROPERTY_FIELDS);
        boolean bySlot = v.groupField().equals("slot");
        String policy = v.filters().getOrDefault("policy", "Sum");
        long[] t = range(v.the(), v);
        long[] p = range(v.pre(), v);
        Map<String, StatDao.PropertySum> the = new LinkedHashMap<>();
        dao.propertySums(t[0], t[1], v.filters(), v.groupField())
                .forEach(s -> the.put(key(s.key(), v.the(), bySlot), s));
        Map<String, StatDao.PropertySum> pre = new LinkedHashMap<>();
        dao.propertySums(p[0], p[1], v.filters(), v.groupField())
                .forEach(s -> pre.put(key(s.key(), v.pre(), bySlot), s));
        TreeSet<String> keys = new TreeSet<>(the.keySet());
        keys.addAll(pre.keySet());
        List<Map<String, String>> rows = new ArrayList<>();
        for (String k : keys) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("show_date", DAY.format(v.the()));
            m.put("show_time", bySlot ? k : "%");
            for (String dim : List.of("master_name", "master_ip", "property_name", "policy")) {
                String field = PROPERTY_FIELDS.get(dim);
                m.put(dim, dim.equals(v.groupParam()) ? k : v.filters().getOrDefault(field, "%"));
            }
            m.put("the_value", value(the.get(k), policy));
            m.put("pre_value", value(pre.get(k), policy));
            rows.add(m);
        }
        return rows;
    }

    /** The aggregate a policy reads; without a policy filter, the sum. */
    static String value(StatDao.PropertySum s, String policy) {
        if (s == null) {
            return "--";
        }
        double v = switch (policy) {
            case "Avg" -> s.count() == 0 ? 0 : s.sum() / s.count();
            case "Max" -> s.max();
            case "Min" -> s.min();
            case "Count" -> s.count();
            default -> s.sum();
        };
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.2f", v);
    }
}
