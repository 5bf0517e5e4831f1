package io.armada.monitor.internal;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.armada.core.ApiException;

/** Helpers for the monitor's unit tests: configurations, harmless command stand-ins, error checks. */
final class TestSupport {
    private TestSupport() {
    }

    /** A configuration with the annotation's defaults, some replaced (keys are the attribute method names). */
    static MonitorConfiguration config(Map<String, Object> overrides) {
        Map<String, Object> o = new HashMap<>(overrides);
        return (MonitorConfiguration) Proxy.newProxyInstance(MonitorConfiguration.class.getClassLoader(),
                new Class<?>[] {MonitorConfiguration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return MonitorConfiguration.class;
                    }
                    if (o.containsKey(method.getName())) {
                        return o.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return method.getName().equals("toString") ? "MonitorConfiguration" : null;
                });
    }

    /** An executable shell script. */
    static Path script(Path dir, String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /**
     * A stand-in that appends its arguments, one call per line, to {@code log} and exits with {@code exit}. Used
     * for shutdown, reboot, systemctl, ifup and ifdown in tests: nothing on the machine is touched.
     */
    static Path recorder(Path dir, String name, Path log, int exit) throws IOException {
        return script(dir, name, "echo \"$*\" >> '" + log + "'\nexit " + exit);
    }

    /** A crontab stand-in on a plain file: {@code -l} prints it, {@code -} replaces it with stdin. */
    static Path crontab(Path dir, Path file) throws IOException {
        return script(dir, "crontab.sh", String.join("\n",
                "F='" + file + "'",
                "if [ \"$1\" = \"-l\" ]; then",
                "  if [ ! -f \"$F\" ]; then echo \"no crontab for tester\" >&2; exit 1; fi",
                "  cat \"$F\"; exit 0",
                "fi",
                "if [ \"$1\" = \"-\" ]; then cat > \"$F\"; exit 0; fi",
                "echo \"usage\" >&2; exit 2"));
    }

    /** Lines a recorder wrote, or none. */
    static List<String> calls(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** Runs {@code r} and returns the monitor code of the ApiException it must throw. */
    static int code(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            if (e.code() != null) {
                return e.code();
            }
            return switch (e.kind()) {
                case UNAUTHORIZED -> 10001;
                case INTERNAL, UNAVAILABLE -> 99999;
                case REFUSED -> -1;
                default -> 88888;
            };
        }
        throw new AssertionError("expected a refusal");
    }

    /** The message of the ApiException {@code r} must throw. */
    static String message(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a refusal");
    }

    /**
     * What {@code r} writes to the log (slf4j-simple writes to whatever {@code System.err} is when a line is logged;
     * its level is INFO, so DEBUG lines do not appear).
     */
    static String logOf(Runnable r) {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(saved);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
