package io.armada.itests;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One unpacked copy of the distribution archive, driven the way a user drives it: bin/start, bin/stop,
 * bin/armada-shell, curl-like HTTP, and kill -9.
 */
public final class Instance {
    public final Path home;
    public final int httpPort;
    public final int sshPort;
    private final Map<String, String> env = new HashMap<>();

    /** What a command printed and how it exited. */
    public record Result(int exit, String output) {
    }

    private Instance(Path home, int httpPort, int sshPort) {
        this.home = home;
        this.httpPort = httpPort;
        this.sshPort = sshPort;
    }

    /** Unpacks the archive under {@code work/name} (fresh) with free ports. */
    public static Instance unpack(Path work, String name) throws Exception {
        Path dir = work.resolve(name);
        deleteTree(dir);
        Files.createDirectories(dir);
        String archive = System.getProperty("armada.distribution");
        Result r = run(dir, List.of("tar", "xzf", archive), Map.of(), Duration.ofMinutes(2));
        if (r.exit() != 0) {
            throw new IllegalStateException("tar failed: " + r.output());
        }
        try (var s = Files.list(dir)) {
            Path home = s.filter(Files::isDirectory).findFirst().orElseThrow();
            Instance i = new Instance(home, freePort(), freePort());
            i.env.put("ARMADA_HTTP_PORT", Integer.toString(i.httpPort));
            i.env.put("ARMADA_SSH_PORT", Integer.toString(i.sshPort));
            return i;
        }
    }

    public Instance env(String key, String value) {
        if (value == null) {
            env.remove(key);
        } else {
            env.put(key, value);
        }
        return this;
    }

    public Http http(String token) {
        return Http.local(httpPort, token);
    }

    /** Every answer /health gave while the last {@link #start()} waited (transport failures left out). */
    public final List<Http.Answer> startAnswers = java.util.Collections.synchronizedList(new ArrayList<>());

    /** bin/start, then waits for /health, keeping every answer it gave on the way in {@link #startAnswers}. */
    public void start() throws Exception {
        start(() -> {
            Http.Answer a = http(null).get("/health");
            if (a.status() > 0) {
                startAnswers.add(a);
            }
            return a.status() == 200;
        });
    }

    /** bin/start, then waits until {@code up} holds (an instance that serves no plain HTTP). */
    public void start(java.util.function.BooleanSupplier up) throws Exception {
        startAnswers.clear();
        Result r = run(home, List.of("bin/start"), env, Duration.ofSeconds(30));
        if (r.exit() != 0) {
            throw new IllegalStateException("bin/start failed: " + r.output());
        }
        Http.await("/health of " + home, Duration.ofSeconds(120), () -> {
            try {
                return up.getAsBoolean();
            } catch (RuntimeException notYet) {
                return false;
            }
        }, this::startDetail);
    }

    /** What a start that timed out leaves to read: is the process there, and the warnings and end of its log. */
    private String startDetail() {
        StringBuilder s = new StringBuilder("\nprocess running: ").append(running());
        try {
            List<String> log = Files.readAllLines(home.resolve("data/log/karaf.log"));
            log.stream().filter(l -> l.contains("| WARN ") || l.contains("| ERROR ")).limit(20)
                    .forEach(l -> s.append("\n  ").append(l));
            s.append("\nlast lines of data/log/karaf.log:");
            log.subList(Math.max(0, log.size() - 15), log.size()).forEach(l -> s.append("\n  ").append(l));
        } catch (IOException | RuntimeException e) {
            s.append("\nno karaf.log: ").append(e);
        }
        return s.toString();
    }

    /** bin/stop, then waits for the process to end. */
    public void stop() throws Exception {
        long pid = pid();
        run(home, List.of("bin/stop"), env, Duration.ofSeconds(30));
        waitGone(pid, Duration.ofSeconds(60));
    }

    /** SIGKILL: no shutdown hook, no flush. */
    public void kill9() throws Exception {
        long pid = pid();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        waitGone(pid, Duration.ofSeconds(30));
    }

    public long pid() throws IOException {
        return Long.parseLong(Files.readString(home.resolve("karaf.pid")).trim());
    }

    public boolean running() {
        try {
            return ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** bin/armada-shell with stdin closed, as a script or cron runs it. */
    public Result shell(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("bin/armada-shell");
        cmd.addAll(List.of(args));
        return run(home, cmd, env, Duration.ofSeconds(60));
    }

    /** The TCP ports this instance's JVM listens on, from /proc. */
    public Set<Integer> listeningPorts() throws IOException {
        long pid = pid();
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                    String local = f[1];
                    ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    public static Result run(Path dir, List<String> command, Map<String, String> env, Duration timeout)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().keySet().removeIf(k -> k.startsWith("ARMADA_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in " + timeout);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static void waitGone(long pid, Duration deadline) {
        Http.await("process " + pid + " to end", deadline,
                () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    }

    /** The ports {@link #freePort()} has handed out in this JVM. */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    /**
     * A port nothing listens on now and that this JVM has not handed out before: an instance binds its ports only when
     * it starts, so without the second rule two ports picked for one instance (HTTPS and SSH, say) could be one.
     * Below the kernel's ephemeral range (32768 and up on Linux): a port from that range can be taken by any outgoing
     * connection of the booting instance before its server binds it. Above Pax Exam's RMI ports (21000-21099), which
     * it picks after our configuration is made.
     */
    static synchronized int freePort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 200; i++) {
            int port = random.nextInt(22000, 32000);
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket(port)) {
                HANDED_OUT.add(port);
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port in 22000-32000");
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
