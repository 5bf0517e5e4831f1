package io.armada.monitor.internal.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;
import io.armada.monitor.internal.Codes;

/**
 * The node's managed services (SPEC §10.1): their packages (versions under the home, the previous one kept for
 * rollback) and their processes (the session the start script ran in). Calls for one service are serialized
 * (striped locks: bounded, whatever the names), calls for different services run side by side; status never waits
 * for a lock. What the node knows of its services is the {@link ServiceRegistry}'s.
 */
public final class ServerRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ServerRuntime.class);
    private static final int STRIPES = 64;

    private final ServerSettings settings;
    private final PackageFetcher fetcher;
    private final PackageUnpacker unpacker;
    private final ScriptRunner runner;
    private final ProcTable procs;
    private final ServiceProcesses processes;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final ServiceRegistry registry;

    public ServerRuntime(ServerSettings settings, PackageFetcher fetcher, ProcTable procs) {
        this.settings = settings;
        this.fetcher = fetcher;
        this.unpacker = new PackageUnpacker(settings.maxPackageBytes(), settings.maxEntries());
        this.runner = new ScriptRunner(settings.setsid(), settings.user(), settings.scriptTimeout(),
                sid -> procs.sessionNow(sid).pids());
        this.procs = procs;
        this.processes = new ServiceProcesses(procs, settings.bootId(), settings.stopGrace());
        this.registry = new ServiceRegistry(settings.registry(), settings.roots(), settings.maxServices());
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** A call that needs the service's lock. */
    interface Action<T> {
        T run() throws IOException;
    }

    <T> T locked(String key, Action<T> action) {
        ReentrantLock lock = locks[Math.floorMod(key.hashCode(), STRIPES)];
        try {
            if (!lock.tryLock(settings.lockWait().toMillis(), TimeUnit.MILLISECONDS)) {
                throw Codes.refuse(Codes.SERVER_BUSY, key + " is busy with another call; try again later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Codes.refuse(Codes.SERVER_BUSY, "interrupted");
        }
        try {
            return action.run();
        } catch (IOException e) {
            LOG.warn("ServerHandler on {}: {}", key, e.toString());
            throw Codes.refuse(Codes.OTHER_ERROR, key + ": " + e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** The state of a deployed service, or 40701. */
    public ServiceState require(String app, String server) {
        return registry.require(app, server);
    }

    /** Every managed service, by key. */
    public List<ServiceState> all() {
        return registry.all();
    }

    // ------------------------------------------------------------------ packages

    /** deploy (patch = false: a new service, or a new version of a known one) and patch (a known one only). */
    public Map<String, Object> install(String app, String server, String address, String md5, String basePath,
            String start, String stop, boolean patch) {
        String key = ServiceNames.key(app, server);
        return locked(key, () -> {
            ServiceState old = registry.find(app, server);
            if (old == null && patch) {
                registry.require(app, server);
            }
            Path home = basePath == null ? registry.folder(app, server)
                    : ServiceNames.basePath(basePath, settings.roots());
            if (old != null && basePath != null && !old.home().equals(home)) {
                throw Codes.refuse(Codes.PATH_REFUSED, key + " is deployed in " + old.home() + "; undeploy it first");
            }
            if (old != null) {
                home = old.home();
            } else {
                registry.reserve(app, server, home, basePath != null);
            }
            try {
                return installLocked(app, server, address, md5, home, start, stop, patch, old);
            } finally {
                registry.release(app, server);
            }
        });
    }

    private Map<String, Object> installLocked(String app, String server, String address, String md5, Path home,
            String start, String stop, boolean patch, ServiceState old) throws IOException {
        String key = ServiceNames.key(app, server);
        Path reg = registry.folder(app, server);
        Path download = reg.resolve("package.tgz.part");
        try {
            Files.createDirectories(reg);
            Files.createDirectories(home.resolve("versions"));
            registry.requireInsideRoots(home, reg);
            fetcher.fetch(address, md5, download);
            int next = old == null ? 1 : Math.max(old.current(), old.previous()) + 1;
            ServiceState base = old != null ? old : new ServiceState(app, server, home, 0, 0,
                    ServiceNames.DEFAULT_START, ServiceNames.DEFAULT_STOP, 0, "");
            Path target = base.version(next);
            Folders.deleteTree(target); // a leftover of a node killed while unpacking
            try {
                unpacker.unpack(download, target);
            } catch (PackageUnpacker.Refused e) {
                throw Codes.refuse(Codes.PACKAGE_REFUSED, "package refused: " + e.getMessage());
            }
            if (!settings.user().isBlank()) {
                Folders.chownTree(target, settings.user().trim()); // the service may write in its own folder
            }
            ServiceState now = base.withVersions(next, base.current())
                    .withScripts(start != null ? start : base.startScript(), stop != null ? stop : base.stopScript());
            registry.put(now);
            dropVersionsBut(now);
            LOG.info("ServerHandler {} {}: version {} unpacked in {}", patch ? "patch" : "deploy", key, next, home);
            return answer(now, null);
        } finally {
            Files.deleteIfExists(download);
            if (old == null && registry.find(app, server) == null) {
                Folders.deleteTree(reg); // a first deploy that failed leaves nothing
                if (!home.equals(reg)) {
                    Folders.deleteTree(home);
                }
            }
        }
    }

    private static void dropVersionsBut(ServiceState s) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(s.home().resolve("versions"))) {
            for (Path d : dirs) {
                String n = d.getFileName().toString();
                if (!n.equals(Integer.toString(s.current())) && !n.equals(Integer.toString(s.previous()))) {
                    Folders.deleteTree(d);
                }
            }
        }
    }

    /** rollback: the previous version becomes the current one (and the current one the previous). */
    public Map<String, Object> rollback(String app, String server) {
        return locked(ServiceNames.key(app, server), () -> {
            ServiceState s = require(app, server);
            if (s.previous() <= 0 || !Files.isDirectory(s.version(s.previous()))) {
                throw Codes.refuse(Codes.NO_PREVIOUS_VERSION, "no previous version of " + ServiceNames.key(app, server));
            }
            ServiceState now = s.withVersions(s.previous(), s.current());
            registry.put(now);
            return answer(now, null);
        });
    }

    /** undeploy: stops the service, then deletes its folders. */
    public Map<String, Object> undeploy(String app, String server) {
        String key = ServiceNames.key(app, server);
        return locked(key, () -> {
            ServiceState s = require(app, server);
            ScriptRunner.Result r = stopLocked(s);
            Folders.deleteTree(s.home());
            Folders.deleteTree(registry.folder(app, server));
            registry.remove(app, server);
            LOG.info("ServerHandler undeploy {}: {} deleted", key, s.home());
            Map<String, Object> out = answer(s.withSession(0, ""), r);
            out.remove("version");
            out.remove("previous");
            return out;
        });
    }

    // ------------------------------------------------------------------ processes

    public Map<String, Object> start(String app, String server) {
        return locked(ServiceNames.key(app, server), () -> startLocked(require(app, server)));
    }

    public Map<String, Object> stop(String app, String server) {
        return locked(ServiceNames.key(app, server), () -> {
            ServiceState s = require(app, server);
            ScriptRunner.Result r = stopLocked(s);
            return answer(registry.require(app, server), r);
        });
    }

    public Map<String, Object> restart(String app, String server) {
        return locked(ServiceNames.key(app, server), () -> {
            stopLocked(require(app, server));
            return startLocked(require(app, server));
        });
    }

    private Map<String, Object> startLocked(ServiceState s) throws IOException {
        if (processes.active(s)) {
            return answer(s, new ScriptRunner.Result(0, "already running", false, s.session()));
        }
        Path script = script(s, s.startScript());
        ScriptRunner.Result r = runner.run(script, List.of(), s.currentFolder(), env(s), log(s, "start"), true);
        procs.invalidate();
        ServiceState now = s.withSession(r.session(), processes.bootId());
        registry.put(now);
        LOG.info("ServerHandler start {}: exit {}", ServiceNames.key(s.app(), s.server()), r.exit());
        return checked(now, r);
    }

    /** The stop script (when the package has one), then SIGTERM, then SIGKILL to whatever is left. */
    private ScriptRunner.Result stopLocked(ServiceState s) throws IOException {
        ScriptRunner.Result r = new ScriptRunner.Result(0, "", false, 0);
        Path script = s.currentFolder().resolve(s.stopScript());
        if (s.current() > 0 && Files.isRegularFile(script, LinkOption.NOFOLLOW_LINKS)) {
            r = runner.run(script, List.of(), s.currentFolder(), env(s), log(s, "stop"), false);
        }
        List<Long> left = processes.end(s);
        procs.invalidate();
        registry.put(s.withSession(0, ""));
        LOG.info("ServerHandler stop {}: stop script exit {}", ServiceNames.key(s.app(), s.server()), r.exit());
        if (!left.isEmpty()) {
            throw Codes.refuse(Codes.PROCESSES_LEFT, "processes " + left + " of " + ServiceNames.key(s.app(),
                    s.server()) + " did not end", data(r, "active", left));
        }
        return r;
    }

    /** command: the package's {@code bin/command.sh <command>}. */
    public Map<String, Object> command(String app, String server, List<String> command) {
        return locked(ServiceNames.key(app, server), () -> {
            ServiceState s = require(app, server);
            Path script = script(s, ServiceNames.COMMAND);
            ScriptRunner.Result r = runner.run(script, command, s.currentFolder(), env(s),
                    log(s, "command"), false);
            procs.invalidate();
            return checked(s, r);
        });
    }

    /** write_config: one file into the current version's folder, never through a link. */
    public Map<String, Object> writeConfig(String app, String server, String filename, String content) {
        return locked(ServiceNames.key(app, server), () -> {
            ServiceState s = require(app, server);
            String rel = ServiceNames.relative("filename", filename);
            Path root = s.currentFolder();
            Path file = root.resolve(rel);
            for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
                if (Files.isSymbolicLink(p)) {
                    throw Codes.refuse(Codes.PATH_REFUSED, "filename leads through a link: " + rel);
                }
            }
            Files.createDirectories(file.getParent());
            Folders.writeAtomically(file, content.getBytes(StandardCharsets.UTF_8));
            Map<String, Object> out = answer(s, null);
            out.put("filename", rel);
            return out;
        });
    }

    /** status: never waits for a lock, reads no file. */
    public Map<String, Object> status(String app, String server) {
        return answer(require(app, server), null);
    }

    /** The processes of {@code s} (empty when inactive). */
    public ProcTable.Group group(ServiceState s) {
        return processes.group(s);
    }

    // ------------------------------------------------------------------ helpers

    private static Path script(ServiceState s, String rel) {
        Path p = s.currentFolder().resolve(rel);
        if (s.current() <= 0 || !Files.isRegularFile(p)) {
            throw Codes.refuse(Codes.SCRIPT_FAILED, "the package of " + ServiceNames.key(s.app(), s.server())
                    + " has no " + rel);
        }
        return p;
    }

    private static Map<String, String> env(ServiceState s) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("HOME", s.home().toString());
        e.put("ARMADA_APP", s.app());
        e.put("ARMADA_SERVER", s.server());
        e.put("ARMADA_SERVICE_HOME", s.home().toString());
        e.put("ARMADA_SERVICE_DIR", s.currentFolder().toString());
        return e;
    }

    private Path log(ServiceState s, String action) throws IOException {
        Path dir = registry.folder(s.app(), s.server()).resolve("logs");
        Files.createDirectories(dir);
        return dir.resolve(action + ".out");
    }

    /** The answer of a script call: 40705/40706 with its data when it failed. */
    private Map<String, Object> checked(ServiceState s, ScriptRunner.Result r) {
        Map<String, Object> out = answer(s, r);
        if (r.timedOut()) {
            throw Codes.refuse(Codes.SCRIPT_TIMED_OUT, "the script ran past " + settings.scriptTimeout().toSeconds()
                    + " s and was killed", out);
        }
        if (r.exit() != 0) {
            throw Codes.refuse(Codes.SCRIPT_FAILED, "the script exited with status " + r.exit(), out);
        }
        return out;
    }

    Map<String, Object> answer(ServiceState s, ScriptRunner.Result r) {
        ProcTable.Group g = processes.group(s);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("app", s.app());
        out.put("server", s.server());
        out.put("state", g.pids().isEmpty() ? "inactive" : "active");
        out.put("pids", g.pids());
        out.put("version", s.current());
        out.put("previous", s.previous());
        if (r != null) {
            out.put("exit", r.exit());
            out.put("output", r.output());
        }
        return out;
    }

    private static Map<String, Object> data(ScriptRunner.Result r, String state, List<Long> pids) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", state);
        out.put("pids", new ArrayList<>(pids));
        out.put("exit", r.exit());
        out.put("output", r.output());
        return out;
    }
}
