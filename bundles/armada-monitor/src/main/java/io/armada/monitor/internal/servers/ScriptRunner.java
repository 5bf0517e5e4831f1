package io.armada.monitor.internal.servers;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Runs a service's scripts: in a session of their own ({@code setsid}, so the service's processes can be found and
 * ended together), in the service's folder, as the configured user ({@code runuser -u} only when one is set), with
 * a clean environment (the node's own variables, its fleet token among them, never reach a script), with a time
 * limit, output to a file whose last 4 KiB are answered.
 */
public final class ScriptRunner {
    /** Output answered per call: the last 4 KiB. */
    public static final int TAIL = 4096;

    /** What a script did: exit status (-1 when it could not run or timed out), output tail, session id. */
    public record Result(int exit, String output, boolean timedOut, long session) {
        public boolean ok() {
            return exit == 0 && !timedOut;
        }
    }

    private final List<String> setsid;
    private final String user;
    private final Duration timeout;
    private final LongFunction<List<Long>> sessionPids;

    /**
     * @param setsid the program that starts a command in a new session ({@code setsid}); empty: none (tests only)
     * @param user the user scripts run as; blank: the node's own
     * @param sessionPids the live processes of a session, read now (what a timed-out script leaves is killed)
     */
    public ScriptRunner(List<String> setsid, String user, Duration timeout, LongFunction<List<Long>> sessionPids) {
        this.setsid = List.copyOf(setsid);
        this.user = user == null ? "" : user.trim();
        this.timeout = timeout;
        this.sessionPids = sessionPids;
    }

    /**
     * Runs {@code script args} in {@code dir} and waits for it, at most the time limit.
     *
     * @param out the file the output goes to (replaced); kept, as daemons the script starts may write to it
     * @param leaveSession true for a start script: on a time-out only the script is killed, what it started in its
     *        session stays (it is the service); otherwise the whole session is killed
     */
    public Result run(Path script, List<String> args, Path dir, Map<String, String> env, Path out,
            boolean leaveSession) {
        List<String> argv = new ArrayList<>(setsid);
        if (!user.isEmpty()) {
            argv.addAll(List.of("runuser", "-u", user, "--"));
        }
        if (!Files.isExecutable(script) || !shebang(script)) {
            argv.add("/bin/sh");
        }
        argv.add(script.toString());
        argv.addAll(args);
        Process p;
        try {
            Files.deleteIfExists(out);
            ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Map<String, String> e = pb.environment();
            e.clear();
            e.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
            e.put("LANG", System.getenv().getOrDefault("LANG", "C.UTF-8"));
            e.putAll(env);
            p = pb.start();
        } catch (IOException ex) {
            return new Result(-1, "cannot run " + script.getFileName() + ": " + ex.getMessage(), false, 0);
        }
        long session = setsid.isEmpty() ? 0 : p.pid();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                if (!leaveSession && session > 1) {
                    // the whole session, daemons the script started included (they are not its descendants)
                    killSession(session);
                }
                p.waitFor(5, TimeUnit.SECONDS);
                return new Result(-1, tail(out) + "\n[killed after " + timeout.toSeconds() + " s]", true, session);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Result(-1, tail(out), true, session);
        }
        return new Result(p.exitValue(), tail(out), false, session);
    }

    /** SIGKILL to every process of {@code session}, then waits (at most 2 s) until none is left. */
    private void killSession(long session) throws InterruptedException {
        long self = ProcessHandle.current().pid();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        List<Long> left = sessionPids.apply(session);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            for (long pid : left) {
                if (pid != self) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            Thread.sleep(50);
            left = sessionPids.apply(session);
        }
    }

    /** True when the file starts with "#!" (else the kernel would not run it: it goes to /bin/sh). */
    private static boolean shebang(Path script) {
        try (java.io.InputStream in = Files.newInputStream(script)) {
            return in.read() == '#' && in.read() == '!';
        } catch (IOException e) {
            return false;
        }
    }

    /** The last {@link #TAIL} bytes of {@code file} as text (a cut UTF-8 sequence at the start is replaced). */
    static String tail(Path file) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            int n = (int) Math.min(TAIL, len);
            byte[] b = new byte[n];
            f.seek(len - n);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
