package io.armada.monitor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.armada.monitor.Reporting;
import io.armada.monitor.ReportingState;

/** task dispatch, OsHandler, ServiceHandler, TimerHandler, verify_password; every command a harmless stand-in. */
public class NodeControlTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path dir;
    private Path log;
    private final List<String> timer = new ArrayList<>();
    private final List<Runnable> later = new ArrayList<>();
    private final AtomicInteger pamCalls = new AtomicInteger();

    private final Reporting reporting = new Reporting() {
        @Override
        public ReportingState state() {
            return null;
        }

        @Override
        public void pause() {
            timer.add("pause");
        }

        @Override
        public void resume() {
            timer.add("resume");
        }

        @Override
        public void update(String addr, String nodeUuid) {
            timer.add("update " + addr + " " + nodeUuid);
        }
    };

    @Before
    public void setUp() {
        dir = tmp.getRoot().toPath();
        log = dir.resolve("calls.log");
    }

    private NodeControlImpl control(Map<String, Object> config) throws IOException {
        Map<String, Object> c = new HashMap<>();
        Path recorder = TestSupport.recorder(dir, "recorder.sh", log, 0);
        c.put("command_shutdown", recorder + " shutdown-h-now");
        c.put("command_reboot", recorder + " reboot-now");
        c.put("command_systemctl", recorder.toString());
        c.put("password_attempts", 3);
        c.putAll(config);
        return new NodeControlImpl(TestSupport.config(c), reporting, (action, delay) -> later.add(action), () -> { }, dir, n -> true, () -> false,
                (service, user, password) -> {
                    pamCalls.incrementAndGet();
                    return service.equals("system-auth") && user.equals("alice") && password.equals("s3cret");
                });
    }

    private static void awaitLines(Path log, int n) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (TestSupport.calls(log).size() < n && System.nanoTime() < end) {
            Thread.sleep(20);
        }
    }

    @Test
    public void unknownHandlersAndCommandsAre88888() throws IOException {
        NodeControlImpl c = control(Map.of());
        for (String[] hc : new String[][] {{"NoSuchHandler", "x"}, {"OsHandler", "halt"}, {"ServiceHandler", "kill"},
                {"TimerHandler", "stop"}, {"FileHandler", "rm"}, {"CrontabHandler", "drop"}, {null, "shutdown"},
                {"OsHandler", null}, {"", "shutdown"}, {"oshandler", "shutdown"}}) {
            assertEquals(String.join(",", String.valueOf(hc[0]), String.valueOf(hc[1])), 88888,
                    TestSupport.code(() -> c.task(hc[0], hc[1], Map.of())));
        }
        assertTrue(later.isEmpty());
        assertEquals(List.of(), TestSupport.calls(log));
    }

    @Test
    public void osHandlerAnswersFirstAndRunsTheConfiguredCommandAfter() throws Exception {
        NodeControlImpl c = control(Map.of());
        assertNull(c.task("OsHandler", "shutdown", null));
        assertEquals(List.of(), TestSupport.calls(log)); // nothing yet: the answer goes out first
        assertEquals(1, later.size());
        later.get(0).run();
        awaitLines(log, 1);
        assertEquals(List.of("shutdown-h-now"), TestSupport.calls(log));
        assertNull(c.task("OsHandler", "reboot", Map.of()));
        later.get(1).run();
        awaitLines(log, 2);
        assertEquals(List.of("shutdown-h-now", "reboot-now"), TestSupport.calls(log));
    }

    @Test
    public void osActionsCanBeSwitchedOff() throws IOException {
        NodeControlImpl c = control(Map.of("allow_shutdown", false, "allow_reboot", false));
        assertEquals(-1, TestSupport.code(() -> c.task("OsHandler", "shutdown", null)));
        assertEquals(-1, TestSupport.code(() -> c.task("OsHandler", "reboot", null)));
        NodeControlImpl blank = control(Map.of("command_shutdown", " "));
        assertEquals(-1, TestSupport.code(() -> blank.task("OsHandler", "shutdown", null)));
        assertTrue(later.isEmpty());
    }

    @Test
    public void serviceHandlerRunsSystemctlForOneOrSeveralServices() throws Exception {
        NodeControlImpl c = control(Map.of());
        assertNull(c.task("ServiceHandler", "stop", Map.of("service", "libvirtd")));
        awaitLines(log, 1);
        assertNull(c.task("ServiceHandler", "enable", Map.of("service", List.of("a.service", "b"))));
        awaitLines(log, 2);
        assertEquals(List.of("stop -- libvirtd", "enable --now -- a.service b"), TestSupport.calls(log));
    }

    @Test
    public void serviceHandlerRefusesBadNames() throws IOException {
        NodeControlImpl c = control(Map.of());
        for (Object bad : new Object[] {null, 5, List.of(), List.of(1), "--now", "a b", "x;reboot", Map.of("a", 1)}) {
            Map<String, Object> data = new HashMap<>();
            data.put("service", bad);
            assertEquals(String.valueOf(bad), 88888, TestSupport.code(() -> c.task("ServiceHandler", "start", data)));
        }
        assertEquals(88888, TestSupport.code(() -> c.task("ServiceHandler", "status",
                Map.of("service", List.of("a", "b")))));
        assertEquals(List.of(), TestSupport.calls(log));
    }

    @Test
    public void serviceStatusWithoutSystemdIsNotFound() throws IOException {
        NodeControlImpl c = control(Map.of());
        assertEquals(Map.of("status", "not found"), c.task("ServiceHandler", "status", Map.of("service", "libvirtd")));
        assertEquals(List.of(), TestSupport.calls(log)); // no systemd: systemctl is not even run
    }

    @Test
    public void serviceControlCanBeSwitchedOff() throws IOException {
        NodeControlImpl c = control(Map.of("allow_service_control", false));
        assertEquals(-1, TestSupport.code(() -> c.task("ServiceHandler", "restart", Map.of("service", "x"))));
        assertEquals(Map.of("status", "not found"), c.task("ServiceHandler", "status", Map.of("service", "x")));
    }

    @Test
    public void timerHandlerUpdatesPausesAndResumes() throws IOException {
        NodeControlImpl c = control(Map.of());
        c.task("TimerHandler", "update", Map.of("addr", "http://172.16.1.33:3333", "node_uuid", "123142342342342342343"));
        c.task("TimerHandler", "pause", null);
        c.task("TimerHandler", "resume", Map.of());
        assertEquals(List.of("update http://172.16.1.33:3333 123142342342342342343", "pause", "resume"), timer);
        assertEquals(88888, TestSupport.code(() -> c.task("TimerHandler", "update", Map.of("addr", 5))));
        NodeControlImpl off = control(Map.of("allow_timer_control", false));
        assertEquals(-1, TestSupport.code(() -> off.task("TimerHandler", "pause", null)));
        assertEquals(3, timer.size());
    }

    @Test
    public void verifyPasswordChecksThroughPamAndRateLimits() throws IOException {
        NodeControlImpl c = control(Map.of());
        c.verifyPassword("alice", "s3cret", "10.0.0.1");
        assertEquals(40312, TestSupport.code(() -> c.verifyPassword("alice", "wrong", "10.0.0.1")));
        assertEquals(40312, TestSupport.code(() -> c.verifyPassword("alice", "wrong", "10.0.0.1")));
        assertEquals(3, pamCalls.get());
        // the fourth attempt within the window is refused without asking PAM, even with the right password
        String msg = TestSupport.message(() -> c.verifyPassword("alice", "s3cret", "10.0.0.1"));
        assertEquals(3, pamCalls.get());
        assertTrue(msg, msg.contains("too many"));
        assertFalse(msg.contains("s3cret"));
        // another address or another user has its own window
        c.verifyPassword("alice", "s3cret", "10.0.0.2");
        assertEquals(40312, TestSupport.code(() -> c.verifyPassword("bob", "x", "10.0.0.1")));
    }

    @Test
    public void verifyPasswordCannotBeSprayedAcrossUsersFromOneAddress() throws IOException {
        NodeControlImpl c = control(Map.of("password_attempts_per_source", 4, "password_attempts_total", 6));
        // review M7: each user had its own window per address, so one address could try every user name
        for (int i = 0; i < 4; i++) {
            int n = i;
            assertEquals(40312, TestSupport.code(() -> c.verifyPassword("user" + n, "guess", "10.0.0.9")));
        }
        assertEquals(4, pamCalls.get());
        String msg = TestSupport.message(() -> c.verifyPassword("alice", "s3cret", "10.0.0.9"));
        assertTrue(msg, msg.contains("too many"));
        assertEquals(4, pamCalls.get());
        // other addresses still check, up to the node's total for the window
        c.verifyPassword("alice", "s3cret", "10.0.0.10");
        c.verifyPassword("alice", "s3cret", "10.0.0.11");
        assertTrue(TestSupport.message(() -> c.verifyPassword("alice", "s3cret", "10.0.0.12")).contains("too many"));
        assertEquals(6, pamCalls.get());
    }

    @Test
    public void aPamCheckThatHangsHoldsOneThreadAndFurtherChecksFailFast() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("password_attempts", 3);
        NodeControlImpl c = new NodeControlImpl(TestSupport.config(cfg), reporting, (action, delay) -> later.add(action),
                () -> { }, dir, n -> true, () -> false, (service, user, password) -> {
                    pamCalls.incrementAndGet();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return true;
                });
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newCachedThreadPool();
        try {
            // one check runs, PasswordVerifier.QUEUE wait: review M7, a synchronized PAM call queued every request thread behind it
            List<java.util.concurrent.Future<?>> waiting = new ArrayList<>();
            for (int i = 0; i <= PasswordVerifier.QUEUE; i++) {
                String from = "10.0.1." + i;
                waiting.add(callers.submit(() -> c.verifyPassword("alice", "x", from)));
            }
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while ((pamCalls.get() < 1 || c.pamWaiting() < PasswordVerifier.QUEUE) && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertEquals(1, pamCalls.get());
            assertEquals(PasswordVerifier.QUEUE, c.pamWaiting());
            String msg = TestSupport.message(() -> c.verifyPassword("bob", "x", "10.0.2.1"));
            assertTrue(msg, msg.contains("too many checks at once"));
            release.countDown();
            for (java.util.concurrent.Future<?> f : waiting) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            release.countDown();
            callers.shutdownNow();
            c.closePam();
        }
    }

    @Test
    public void verifyPasswordNeedsUserAndPassword() throws IOException {
        NodeControlImpl c = control(Map.of());
        assertEquals(88888, TestSupport.code(() -> c.verifyPassword(null, "x", "a")));
        assertEquals(88888, TestSupport.code(() -> c.verifyPassword(" ", "x", "a")));
        assertEquals(88888, TestSupport.code(() -> c.verifyPassword("root", null, "a")));
        assertEquals(40312, TestSupport.code(() -> c.verifyPassword("ro ot", "x", "a")));
        assertEquals(0, pamCalls.get());
        NodeControlImpl off = control(Map.of("allow_verify_password", false));
        assertEquals(-1, TestSupport.code(() -> off.verifyPassword("alice", "s3cret", "a")));
        assertEquals(0, pamCalls.get());
    }

    @Test
    public void pamThatCannotBeUsedIsASystemError() throws IOException {
        NodeControlImpl c = new NodeControlImpl(TestSupport.config(Map.of()), reporting, (action, delay) -> later.add(action), () -> { }, dir, n -> true,
                () -> false, (s, u, p) -> {
                    throw new IllegalStateException("libpam cannot be loaded");
                });
        assertEquals(99999, TestSupport.code(() -> c.verifyPassword("alice", "pw", "a")));
    }

    @Test
    public void theRateLimiterIsBoundedAndForgets() {
        RateLimiter l = new RateLimiter(2, 1000);
        assertTrue(l.tryAcquire("a", 0));
        assertTrue(l.tryAcquire("a", 10));
        assertFalse(l.tryAcquire("a", 20));
        assertTrue(l.tryAcquire("b", 20));
        assertTrue(l.tryAcquire("a", 1000)); // a new window
        for (int i = 0; i < RateLimiter.MAX_KEYS + 10; i++) {
            l.tryAcquire("k" + i, 5000);
        }
        assertEquals(RateLimiter.MAX_KEYS, l.size());
        // full of live keys: the oldest is evicted, the new key is checked (review M7: it used to be refused)
        assertTrue(l.tryAcquire("late", 5001));
        assertEquals(RateLimiter.MAX_KEYS, l.size());
        assertTrue(l.tryAcquire("newer", 7000)); // the old ones expired and are dropped
        assertTrue(l.size() < RateLimiter.MAX_KEYS);
    }

    @Test
    public void passwordChecksAreNotLoggedAtInfo() throws IOException {
        NodeControlImpl c = control(Map.of());
        String log = TestSupport.logOf(() -> {
            c.verifyPassword("alice", "s3cret", "10.9.8.7");
            assertEquals(40312, TestSupport.code(() -> c.verifyPassword("alice", "wrong", "10.9.8.7")));
        });
        assertFalse(log, log.contains("alice") || log.contains("10.9.8.7"));
    }
}
