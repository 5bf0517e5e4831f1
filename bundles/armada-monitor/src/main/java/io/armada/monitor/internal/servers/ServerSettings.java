package io.armada.monitor.internal.servers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.armada.monitor.internal.MonitorConfiguration;

/**
 * The ServerHandler's settings, read once from the monitor's configuration ({@code servers.*} and the
 * {@code allow.server.*} switches).
 *
 * @param registry {@code ${ARMADA_DATA}/servers}: one folder per service with its state (and, by default, its files)
 * @param roots where a deploy's base_path may be (servers.base.roots; never the registry, never /)
 * @param setsid the program that starts a script in a new session
 * @param bootId this boot's id (a session kept from an earlier boot is not ours)
 */
public record ServerSettings(Path registry, List<Path> roots, List<String> setsid, String user,
        Duration scriptTimeout, Duration stopGrace, Duration lockWait, long maxPackageBytes, int maxEntries,
        int maxServices, Duration downloadTimeout, boolean allowDeploy, boolean allowControl, boolean allowCommand,
        boolean allowConfig, String bootId) {

    public static ServerSettings of(MonitorConfiguration c, Path dataFolder, List<String> baseRoots) {
        Path registry = dataFolder.resolve("servers").toAbsolutePath().normalize();
        List<Path> roots = new ArrayList<>();
        for (String r : baseRoots) {
            Path p = Path.of(r).toAbsolutePath().normalize();
            if (p.getNameCount() > 0 && !p.startsWith(registry) && !registry.startsWith(p)) { // never "/"
                roots.add(p);
            }
        }
        Duration timeout = Duration.ofSeconds(Math.max(1, c.servers_script_timeout_seconds()));
        Duration grace = Duration.ofSeconds(Math.max(0, c.servers_stop_grace_seconds()));
        return new ServerSettings(registry, List.copyOf(roots), List.of(c.servers_setsid().trim().split("\\s+")),
                c.servers_user(), timeout, grace, timeout.multipliedBy(2).plus(grace).plusSeconds(30),
                Math.max(1, c.servers_package_max_mb()) * 1024L * 1024L, Math.max(1, c.servers_package_max_entries()),
                Math.max(1, c.servers_max()), Duration.ofSeconds(Math.max(1, c.servers_download_timeout_seconds())),
                c.allow_server_deploy(), c.allow_server_control(), c.allow_server_command(), c.allow_server_config(),
                readBootId());
    }

    static String readBootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
