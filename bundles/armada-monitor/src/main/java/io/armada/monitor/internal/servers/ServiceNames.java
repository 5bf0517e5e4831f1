package io.armada.monitor.internal.servers;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import io.armada.core.ApiException;
import io.armada.monitor.internal.Codes;

/**
 * The rules on what a ServerHandler call names: app and server names, paths relative to a package (scripts,
 * write_config files), and base_path inside the allowed roots. Plain checks: a bad value is the dialect's 88888
 * (names) or 40709 (a path leading outside).
 */
public final class ServiceNames {
    /** Letters, digits, _ and -, 1..64, not starting with - (no dot: the folder is {@code <app>.<server>}). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,63}");
    static final String DEFAULT_START = "bin/start.sh";
    static final String DEFAULT_STOP = "bin/stop.sh";
    static final String COMMAND = "bin/command.sh";
    /** A command of {@code command}: one argument of the package's command.sh. */
    private static final Pattern COMMAND_ARG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:=,@/+-]{0,127}");

    private ServiceNames() {
    }

    /** {@code app} or {@code server}, checked. */
    public static String name(String key, Object value) {
        if (!(value instanceof String s) || !NAME.matcher(s).matches()) {
            throw ApiException.badRequest(key + " is required: letters, digits, _ and - (at most 64, no dot)");
        }
        return s;
    }

    /** The registry key and folder name of a service. */
    public static String key(String app, String server) {
        return app + "." + server;
    }

    /**
     * A path relative to a package root (a script, a config file): no absolute path, no {@code ..}, normalised.
     *
     * @throws ApiException 40709 when it would lead outside
     */
    static String relative(String key, String value) {
        if (value == null || value.isBlank() || value.length() > 512 || value.indexOf('\0') >= 0) {
            throw ApiException.badRequest(key + " must be a path inside the package");
        }
        try {
            String r = PackageUnpacker.relativeName(value.trim());
            if (r.isEmpty()) {
                throw new PackageUnpacker.Refused("empty");
            }
            return r;
        } catch (PackageUnpacker.Refused e) {
            throw Codes.refuse(Codes.PATH_REFUSED, key + " must be a path inside the package (no absolute path, no ..)");
        }
    }

    /**
     * A deploy's {@code base_path}: absolute, normalised, strictly inside one of {@code roots}.
     *
     * @throws ApiException 40709 otherwise
     */
    static Path basePath(String value, List<Path> roots) {
        if (value == null || value.isBlank() || value.indexOf('\0') >= 0) {
            throw ApiException.badRequest("base_path must be an absolute folder");
        }
        Path p = Path.of(value.trim());
        if (!p.isAbsolute() || !p.normalize().equals(p) || value.contains("/../") || value.endsWith("/..")) {
            throw Codes.refuse(Codes.PATH_REFUSED, "base_path must be an absolute, normalised folder");
        }
        for (Path root : roots) {
            if (p.startsWith(root) && !p.equals(root)) {
                return p;
            }
        }
        throw Codes.refuse(Codes.PATH_REFUSED, "base_path must be inside " + roots + " (servers.base.roots)");
    }

    /** Most words a command may have. */
    static final int MAX_COMMAND_WORDS = 8;

    /**
     * A command for the package's {@code bin/command.sh}: one to {@value #MAX_COMMAND_WORDS} words separated by
     * spaces (tars' {@code tars.loadconfig <file>}), each passed as its own argument; no shell is involved.
     */
    static java.util.List<String> command(Object value) {
        if (value instanceof String s && !s.isBlank()) {
            java.util.List<String> words = java.util.List.of(s.trim().split(" +"));
            if (words.size() <= MAX_COMMAND_WORDS && words.stream().allMatch(w -> COMMAND_ARG.matcher(w).matches())) {
                return words;
            }
        }
        throw ApiException.badRequest("command is required: 1 to " + MAX_COMMAND_WORDS + " words of letters, digits"
                + " and _ . : = , @ / + -, separated by spaces");
    }
}
