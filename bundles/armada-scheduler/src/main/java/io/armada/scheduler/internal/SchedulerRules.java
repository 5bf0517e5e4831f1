package io.armada.scheduler.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.quartz.CronExpression;

import io.armada.core.ApiException;
import io.armada.core.Goperation;
import io.armada.scheduler.JobSpec;
import io.armada.scheduler.Step;

/**
 * The request schema of a job (the original's {@code SCHEDULEJOBSCHEMA} plus {@code cron}) and the rules on top of
 * it, checked before anything is stored. Plain Java (and Quartz's cron parser), unit-tested without OSGi.
 */
public final class SchedulerRules {
    /** Executor names. */
    public static final String HTTP = "http";
    public static final String AGENTS_TASK = "agents-task";
    static final Set<String> EXECUTORS = Set.of(HTTP, AGENTS_TASK);
    static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");
    /** The original's default {@code interval}. */
    static final int DEFAULT_INTERVAL = 300;
    static final int MAX_STEPS = 100;
    static final int MAX_RETRY = 100;
    static final int MAX_DESC = 1024;
    static final int MAX_PATH = 2048;
    static final int MAX_TASK_TIMEOUT = 86_400;
    private static final Pattern NUMBER = Pattern.compile("(?<![/0-9])(\\d+)");

    private SchedulerRules() {
    }

    /**
     * A create or update body, checked.
     *
     * @param body the JSON body as maps and lists, may be {@code null}
     * @param nowSeconds the server's clock, epoch seconds
     * @param minLeadSeconds how far ahead {@code start} must be (the original's 300)
     * @return the job's definition
     * @throws ApiException BAD_REQUEST naming the first field that does not fit
     */
    public static JobSpec spec(Map<String, Object> body, long nowSeconds, long minLeadSeconds) {
        if (body == null) {
            throw ApiException.badRequest("json not match error schema: 'jobs', 'start', 'retry', 'revertall' and "
                    + "'desc' are required");
        }
        for (String required : List.of("jobs", "start", "retry", "revertall", "desc")) {
            if (!body.containsKey(required)) {
                throw ApiException.badRequest("'" + required + "' is a required property");
            }
        }
        Object jobs = body.get("jobs");
        if (!(jobs instanceof List<?> list)) {
            throw ApiException.badRequest("jobs must be a list");
        }
        if (list.isEmpty()) {
            throw ApiException.badRequest("jobs must not be empty");
        }
        if (list.size() > MAX_STEPS) {
            throw ApiException.badRequest("jobs has more than " + MAX_STEPS + " steps");
        }
        List<Step> steps = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            steps.add(step(list.get(i), "jobs[" + i + "]", true));
        }
        long start = integer(body.get("start"), "start", 0, Long.MAX_VALUE / 1000);
        Integer times = body.get("times") == null ? null : (int) integer(body.get("times"), "times", 1, Integer.MAX_VALUE);
        String cron = cron(body.get("cron"));
        Object rawInterval = body.get("interval");
        if (cron != null && rawInterval != null) {
            throw ApiException.badRequest("give interval or cron, not both");
        }
        int interval = rawInterval == null ? DEFAULT_INTERVAL : (int) integer(rawInterval, "interval", 0, Integer.MAX_VALUE);
        if (cron == null && (times == null || times > 1) && interval < 1) {
            throw ApiException.badRequest("interval must be at least 1 for a job that runs more than once");
        }
        int retry = (int) integer(body.get("retry"), "retry", 0, MAX_RETRY);
        if (!(body.get("revertall") instanceof Boolean revertall)) {
            throw ApiException.badRequest("revertall must be a boolean");
        }
        if (!(body.get("desc") instanceof String desc)) {
            throw ApiException.badRequest("desc must be a string");
        }
        if (desc.length() > MAX_DESC) {
            throw ApiException.badRequest("desc is longer than " + MAX_DESC + " characters");
        }
        if (start < nowSeconds + minLeadSeconds) {
            throw ApiException.badRequest(minLeadSeconds == 300 ? "Do not add a scheduler in 5 min"
                    : "Do not add a scheduler in " + minLeadSeconds + " seconds");
        }
        if (cron != null && firstCronFire(cron, start) == null) {
            throw ApiException.badRequest("cron " + cron + " never fires after start");
        }
        return new JobSpec(steps, start, times, cron == null ? interval : 0, cron, retry, revertall, desc);
    }

    @SuppressWarnings("unchecked")
    private static Step step(Object raw, String where, boolean withRevert) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw ApiException.badRequest(where + " must be an object");
        }
        Object executor = m.get("executor");
        if (executor == null) {
            throw ApiException.badRequest(where + ".executor is required");
        }
        if (!(executor instanceof String name) || !EXECUTORS.contains(name)) {
            throw ApiException.badRequest(where + ".executor " + executor + " is unknown (known: " + HTTP + ", "
                    + AGENTS_TASK + ")");
        }
        Object kwargs = m.get("kwargs");
        if (kwargs != null && !(kwargs instanceof Map)) {
            throw ApiException.badRequest(where + ".kwargs must be an object");
        }
        Map<String, Object> args = kwargs == null ? Map.of() : (Map<String, Object>) kwargs;
        if (HTTP.equals(name)) {
            httpArgs(args, where);
        } else {
            agentsArgs(args, where);
        }
        Step revert = null;
        Object r = m.get("revert");
        if (r != null) {
            if (!withRevert) {
                throw ApiException.badRequest(where + " may not have a revert of its own");
            }
            revert = step(r, where + ".revert", false);
        }
        return new Step(name, args, revert);
    }

    /** Checks an {@code http} step's {@code kwargs {method, path, body}}. */
    static void httpArgs(Map<String, Object> args, String where) {
        if (!(args.get("method") instanceof String method)
                || !HTTP_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            throw ApiException.badRequest(where + ".kwargs.method must be one of " + HTTP_METHODS);
        }
        if (!(args.get("path") instanceof String path) || path.isBlank()) {
            throw ApiException.badRequest(where + ".kwargs.path is required");
        }
        if (!path.startsWith("/") || path.startsWith("//") || path.length() > MAX_PATH
                || path.chars().anyMatch(c -> c <= ' ' || c == '\\' || c == '#')
                || List.of(path.split("[/?]")).contains("..")) {
            throw ApiException.badRequest(where + ".kwargs.path must be a route of this server, starting with /");
        }
    }

    /** Checks an {@code agents-task} step's {@code kwargs {agents, task, timeout?}}. */
    static void agentsArgs(Map<String, Object> args, String where) {
        agentSelection(args.get("agents"), where);
        if (!(args.get("task") instanceof Map)) {
            throw ApiException.badRequest(where + ".kwargs.task must be an object (a monitor task body)");
        }
        if (args.get("timeout") != null) {
            integer(args.get("timeout"), where + ".kwargs.timeout", 3, MAX_TASK_TIMEOUT);
        }
    }

    /**
     * An agents-task step's {@code agents} as Goperation's selection text: {@code all}, or the ids joined by commas.
     *
     * @throws ApiException BAD_REQUEST when it is neither {@code all} nor a non-empty list of positive ids
     */
    static String agentSelection(Object agents, String where) {
        if (agents instanceof String s && s.trim().equalsIgnoreCase("all")) {
            return "all";
        }
        if (!(agents instanceof List<?> ids) || ids.isEmpty()) {
            throw ApiException.badRequest(where + ".kwargs.agents must be 'all' or a list of agent ids");
        }
        StringBuilder b = new StringBuilder();
        for (Object id : ids) {
            long v = integer(id, where + ".kwargs.agents[]", 1, Long.MAX_VALUE);
            b.append(b.length() == 0 ? "" : ",").append(v);
        }
        Goperation.agents(b.toString());
        return b.toString();
    }

    /**
     * A cron expression as Quartz takes it: six or seven fields as given; a five-field Unix one ({@code m h dom mon
     * dow}) gets a seconds field of 0, {@code ?} for the day field left {@code *}, and its days of week moved from
     * 0..7 (Sunday 0 or 7) to Quartz's 1..7 (Sunday 1).
     *
     * @param raw the value, may be {@code null}
     * @return the Quartz expression, or {@code null} when none was given
     * @throws ApiException BAD_REQUEST when it is not a valid expression
     */
    static String cron(Object raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof String text) || text.isBlank()) {
            throw ApiException.badRequest("cron must be a cron expression");
        }
        String[] f = text.trim().split("\\s+");
        String quartz;
        if (f.length == 5) {
            String dom = f[2];
            String dow = f[4];
            if (!dow.equals("*") && !dow.equals("?")) {
                if (!dom.equals("*") && !dom.equals("?")) {
                    throw ApiException.badRequest("cron " + text.trim() + " is not valid: a day of month and a day of "
                            + "week together are not supported");
                }
                dom = "?";
                dow = unixDays(dow);
            } else {
                dow = "?";
            }
            quartz = "0 " + f[0] + " " + f[1] + " " + dom + " " + f[3] + " " + dow;
        } else if (f.length == 6 || f.length == 7) {
            quartz = String.join(" ", f);
        } else {
            throw ApiException.badRequest("cron " + text.trim() + " is not valid: it has " + f.length
                    + " fields (5, 6 or 7 are taken)");
        }
        try {
            new CronExpression(quartz);
        } catch (java.text.ParseException | RuntimeException e) {
            throw ApiException.badRequest("cron " + text.trim() + " is not valid: " + e.getMessage());
        }
        return quartz;
    }

    /** The first time a (valid) Quartz cron fires at or after {@code startSeconds}, or {@code null} if never. */
    static java.util.Date firstCronFire(String quartzCron, long startSeconds) {
        try {
            return new CronExpression(quartzCron).getNextValidTimeAfter(new java.util.Date(startSeconds * 1000 - 1000));
        } catch (java.text.ParseException e) {
            return null;
        }
    }

    private static String unixDays(String dow) {
        Matcher m = NUMBER.matcher(dow);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            int d = Integer.parseInt(m.group(1));
            if (d > 7) {
                throw ApiException.badRequest("cron day of week " + d + " is not valid (0..7)");
            }
            m.appendReplacement(b, Integer.toString(d % 7 + 1));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static long integer(Object raw, String name, long min, long max) {
        long v;
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte
                || raw instanceof java.math.BigInteger) {
            java.math.BigInteger big = new java.math.BigInteger(raw.toString());
            if (big.bitLength() > 63) {
                throw ApiException.badRequest(name + " is out of range");
            }
            v = big.longValue();
        } else {
            throw ApiException.badRequest(name + " must be an integer");
        }
        if (v < min) {
            throw ApiException.badRequest(name + " must be at least " + min);
        }
        if (v > max) {
            throw ApiException.badRequest(name + " must be at most " + max);
        }
        return v;
    }
}
