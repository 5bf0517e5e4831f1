package io.armada.monitor.internal;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.armada.core.ApiException;
import io.armada.core.FleetClient;
import io.armada.monitor.Reporting;
import io.armada.monitor.ReportingState;

/**
 * {@code FileHandler}'s commands beyond the seed's {@code delete_file {file_name}} (SPEC §10.1): {@code fetch_file
 * {md5, address, size, ext}}, {@code list_files} and {@code delete_file {md5}}, in the node's files root (the first
 * of {@code files.roots}, default {@code ${armada.data}/files}). Each is switched off by its {@code allow.*} setting
 * ({@code allow.fetch.file}, {@code allow.list.files}, {@code allow.delete.file}).
 */
@Component(service = FileHandler.class, configurationPid = "io.armada.monitor")
public class FileHandler {
    private final MonitorConfiguration config;
    private final NodeFiles files;
    private final FileDeleter deleter;

    @Activate
    public FileHandler(MonitorConfiguration config, @Reference FleetClient fleet, @Reference Reporting reporting) {
        this(config, fleet, () -> serverOf(reporting.state()), MonitorSettings.dataFolder());
    }

    FileHandler(MonitorConfiguration config, FleetClient fleet, Supplier<String> serverUrl, Path dataFolder) {
        this.config = config;
        List<Path> roots = roots(config, dataFolder);
        this.files = new NodeFiles(roots.get(0), fleet, serverUrl,
                Duration.ofSeconds(Math.max(1, config.fetch_timeout_seconds())), config.fetch_parallel());
        this.deleter = new FileDeleter(roots);
    }

    /** {@code files.roots} as configured, else {@code <data>/files}; the first is where fetched files go. */
    static List<Path> roots(MonitorConfiguration config, Path dataFolder) {
        List<Path> roots = new ArrayList<>();
        for (String r : MonitorSettings.list(config.files_roots())) {
            roots.add(Path.of(r));
        }
        if (roots.isEmpty()) {
            roots.add(dataFolder.resolve("files"));
        }
        return roots;
    }

    private static String serverOf(ReportingState state) {
        return state == null ? null : state.target();
    }

    Path root() {
        return files.root();
    }

    /** Runs a command; {@code delete_file} here is the one by md5. */
    Map<String, Object> run(String command, Map<String, Object> data) {
        switch (command) {
            case "fetch_file" -> {
                String md5 = NodeFiles.md5(required(data, "md5"));
                java.net.URI address = NodeFiles.address(required(data, "address"));
                long size = size(data.get("size"));
                String ext = NodeFiles.ext(NodeControlImpl.text(data, "ext", false));
                requireSwitch(config.allow_fetch_file(), "FileHandler fetch_file", "allow.fetch.file");
                return files.fetch(md5, address, size, ext);
            }
            case "list_files" -> {
                requireSwitch(config.allow_list_files(), "FileHandler list_files", "allow.list.files");
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("files", files.list());
                return out;
            }
            case "delete_file" -> {
                String md5 = NodeFiles.md5(required(data, "md5"));
                requireSwitch(config.allow_delete_file(), "FileHandler delete_file", "allow.delete.file");
                List<String> deleted = new ArrayList<>();
                for (String name : files.namesOf(md5)) {
                    String path = files.root().resolve(name).toString();
                    deleter.delete(path);
                    deleted.add(path);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("md5", md5);
                out.put("deleted", deleted);
                return out;
            }
            default -> throw ApiException.badRequest("unknown command");
        }
    }

    private static String required(Map<String, Object> data, String key) {
        String v = NodeControlImpl.text(data, key, false);
        if (v == null || v.isBlank()) {
            throw ApiException.badRequest(key + " is required");
        }
        return v;
    }

    /** {@code size}: a whole number of bytes (or such a number as text, as the seed's clients send numbers). */
    static long size(Object v) {
        if (v == null) {
            throw ApiException.badRequest("size is required");
        }
        try {
            long n;
            if (v instanceof Integer || v instanceof Long) {
                n = ((Number) v).longValue();
            } else if (v instanceof BigInteger b) {
                n = b.longValueExact();
            } else if (v instanceof String s) {
                n = Long.parseLong(s.trim());
            } else {
                throw ApiException.badRequest("size must be a whole number of bytes");
            }
            if (n < 0) {
                throw ApiException.badRequest("size must not be negative");
            }
            return n;
        } catch (NumberFormatException | ArithmeticException e) {
            throw ApiException.badRequest("size must be a whole number of bytes");
        }
    }

    private static void requireSwitch(boolean allowed, String action, String setting) {
        if (!allowed) {
            throw Codes.disabled(action, setting);
        }
    }
}
