package io.armada.monitor.internal.servers;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.armada.core.testing.Await;

/** /proc/<pid>/stat read by session, on files made here (and once on the real /proc). */
public class ProcTableTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static String stat(long pid, String comm, char state, long session, long utime, long stime, long rss) {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
        // priority nice threads itrealvalue starttime vsize rss ...
        return pid + " (" + comm + ") " + state + " 1 " + session + " " + session + " 0 -1 0 0 0 0 0 " + utime + " "
                + stime + " 0 0 20 0 1 0 100 1000 " + rss + " 0 0 0\n";
    }

    @Test
    public void parsesNamesWithSpacesAndParenthesesAndSkipsZombies() {
        assertArrayEquals(new long[] {42, 7, 30, 5}, ProcTable.parseStat(stat(42, "a) (b c", 'S', 7, 10, 20, 5)));
        assertNull(ProcTable.parseStat(stat(43, "z", 'Z', 7, 0, 0, 0)));
        assertNull(ProcTable.parseStat("garbage"));
    }

    @Test
    public void groupsBySessionAndKeepsNamesThatAreNotUtf8() throws Exception {
        Path proc = tmp.newFolder("proc").toPath();
        write(proc, 10, stat(10, "java", 'S', 10, 1, 1, 100).getBytes());
        write(proc, 20, stat(20, "sleep", 'S', 20, 100, 50, 10).getBytes());
        byte[] latin = stat(21, "x\u00ff", 'R', 20, 50, 0, 30).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        write(proc, 21, latin);
        write(proc, 22, stat(22, "dead", 'Z', 20, 0, 0, 0).getBytes());
        Files.createDirectories(proc.resolve("self"));
        long[] now = {0};
        ProcTable t = new ProcTable(proc, 1000, () -> now[0]);
        ProcTable.Group g = t.session(20);
        assertEquals(java.util.List.of(20L, 21L), g.pids());
        assertEquals(200, g.cpuTicks());
        assertEquals(40 * ProcTable.PAGE_SIZE, g.rssBytes());
        assertTrue(t.session(99).pids().isEmpty());
        assertTrue(t.session(0).pids().isEmpty());
        // one second later the session used 100 more ticks: one CPU's worth
        write(proc, 20, stat(20, "sleep", 'S', 20, 200, 50, 10).getBytes());
        now[0] = 1000;
        assertEquals(100.0, t.session(20).cpuPercent(), 0.01);
    }

    /**
     * On the real /proc: a process started in a session of its own (as the node starts a service) is found by its
     * session. Not this JVM's own session: where the session leader lives outside our PID namespace (a container, a
     * CI sandbox) the kernel reports session 0, which names no session.
     */
    @Test
    public void findsAProcessStartedInItsOwnSessionInTheRealProc() throws Exception {
        Process p = new ProcessBuilder("setsid", "sleep", "60").redirectErrorStream(true).start();
        try {
            long pid = p.pid();
            Path stat = Path.of("/proc/" + pid + "/stat");
            // setsid runs sleep in place (it is no group leader here): the session id becomes the pid once it execs
            Await.until("sleep in its own session", () -> {
                long[] s = ProcTable.readStat(stat);
                return s != null && s[1] == pid;
            });
            ProcTable t = new ProcTable(Path.of("/proc"), 1000, System::currentTimeMillis);
            assertEquals(java.util.List.of(pid), t.session(pid).pids());
            p.destroy();
            p.waitFor();
            assertTrue(t.sessionNow(pid).pids().isEmpty());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    public void sessionZeroNamesNoSession() {
        // what /proc shows for processes whose session leader is outside the PID namespace
        assertTrue(new ProcTable(Path.of("/proc"), 1000, System::currentTimeMillis).session(0).pids().isEmpty());
    }

    private static void write(Path proc, long pid, byte[] stat) throws Exception {
        Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.write(proc.resolve(pid + "/stat"), stat);
    }
}
