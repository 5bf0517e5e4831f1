package io.armada.monitor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** CrontabHandler on a crontab stand-in: every foreign line survives every change. */
public class CrontabTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final String FOREIGN = String.join("\n",
            "# m h  dom mon dow   command",
            "MAILTO=ops@example.com",
            "SHELL=/bin/bash",
            "",
            "*/5 * * * * /usr/local/bin/backup.sh >/dev/null 2>&1 # nightly",
            "0 4 * * 0 shutdown -h now # front_end_controller:shutdown30",
            "#10 3 * * 1 shutdown now # front_end_controller:shutdown3",
            "30 2 1 * * echo 'a # b' # someone else's comment",
            "");

    private Path file;
    private NodeControlImpl control;

    @Before
    public void setUp() throws IOException {
        Path dir = tmp.getRoot().toPath();
        file = dir.resolve("crontab.txt");
        Path crontab = TestSupport.crontab(dir, file);
        control = new NodeControlImpl(TestSupport.config(Map.of("command_crontab", crontab.toString(),
                "command_shutdown", "shutdown -h now")), null, null, null, dir, n -> true, () -> false, (s, u, p) -> false);
    }

    private Map<String, Object> task(String command, Map<String, Object> data) {
        return control.task("CrontabHandler", command, data);
    }

    private String text() throws IOException {
        return Files.readString(file);
    }

    /** The foreign lines, in order, exactly as they were. */
    private void assertForeignKept() throws IOException {
        List<String> now = Crontab.lines(text());
        List<String> foreign = Crontab.lines(FOREIGN);
        int at = 0;
        for (String line : now) {
            if (at < foreign.size() && line.equals(foreign.get(at))) {
                at++;
            }
        }
        assertEquals("foreign lines lost or reordered in:\n" + text(), foreign.size(), at);
    }

    @Test
    public void setupSelectModifyDeleteKeepEveryForeignLine() throws IOException {
        Files.writeString(file, FOREIGN);
        assertEquals(null, task("setup_shutdown", Map.of("task_name", "shutdown3", "exec_minute", "55",
                "exec_hour", "3", "exec_weekly", "1,2")));
        assertForeignKept();
        assertTrue(text(), text().contains("55 3 * * 1,2 shutdown -h now # front_end_controller:shutdown3\n"));

        assertEquals(Map.of("exec_minute", "55", "exec_hour", "3", "exec_weekly", "1,2"),
                task("select_shutdown", Map.of("task_name", "shutdown3")));

        // setup again replaces (upsert), never duplicates
        task("setup_shutdown", Map.of("task_name", "shutdown3", "exec_minute", 5, "exec_hour", 22,
                "exec_weekly", "1,2,5,6,7"));
        assertEquals(1, Crontab.indexes(Crontab.lines(text()), "shutdown3").size());
        assertEquals(Map.of("exec_minute", "5", "exec_hour", "22", "exec_weekly", "1,2,5,6,7"),
                task("select_shutdown", Map.of("task_name", "shutdown3")));

        // modify changes only what is given and answers no data (the original's modify)
        assertEquals(null, task("modify_shutdown", Map.of("task_name", "shutdown3", "exec_hour", "23")));
        assertEquals(Map.of("exec_minute", "5", "exec_hour", "23", "exec_weekly", "1,2,5,6,7"),
                task("select_shutdown", Map.of("task_name", "shutdown3")));
        assertForeignKept();

        task("delete_shutdown", Map.of("task_name", "shutdown3"));
        assertEquals(FOREIGN, text());
    }

    @Test
    public void anEmptyCrontabIsCreated() throws IOException {
        assertFalse(Files.exists(file)); // "no crontab for user"
        task("setup_shutdown", Map.of("task_name", "a1", "exec_minute", "0", "exec_hour", "0", "exec_weekly", "0"));
        assertEquals("0 0 * * 0 shutdown -h now # front_end_controller:a1\n", text());
    }

    @Test
    public void missingAndDuplicateJobsHaveTheirCodes() throws IOException {
        Files.writeString(file, FOREIGN);
        assertEquals(40601, TestSupport.code(() -> task("select_shutdown", Map.of("task_name", "shutdown3"))));
        assertEquals(40601, TestSupport.code(() -> task("delete_shutdown", Map.of("task_name", "nope"))));
        assertEquals(40601, TestSupport.code(() -> task("modify_shutdown", Map.of("task_name", "nope", "exec_hour", "1"))));
        Files.writeString(file, FOREIGN + "1 1 * * 1 shutdown now # front_end_controller:twice\n"
                + "2 2 * * 2 shutdown now # front_end_controller:twice\n");
        assertEquals(40602, TestSupport.code(() -> task("select_shutdown", Map.of("task_name", "twice"))));
        assertEquals(FOREIGN + "1 1 * * 1 shutdown now # front_end_controller:twice\n"
                + "2 2 * * 2 shutdown now # front_end_controller:twice\n", text());
    }

    @Test
    public void badInputIs88888AndChangesNothing() throws IOException {
        Files.writeString(file, FOREIGN);
        List<Map<String, Object>> bad = List.of(
                Map.of("exec_minute", "1", "exec_hour", "1", "exec_weekly", "1"), // no task_name
                Map.of("task_name", "bad name", "exec_minute", "1", "exec_hour", "1", "exec_weekly", "1"),
                Map.of("task_name", "x;rm", "exec_minute", "1", "exec_hour", "1", "exec_weekly", "1"),
                Map.of("task_name", "t", "exec_minute", "60", "exec_hour", "1", "exec_weekly", "1"),
                Map.of("task_name", "t", "exec_minute", "1", "exec_hour", "24", "exec_weekly", "1"),
                Map.of("task_name", "t", "exec_minute", "1", "exec_hour", "1", "exec_weekly", "8"),
                Map.of("task_name", "t", "exec_minute", "1", "exec_hour", "1", "exec_weekly", "mon"),
                Map.of("task_name", "t", "exec_minute", true, "exec_hour", "1", "exec_weekly", "1"),
                Map.of("task_name", "t", "exec_minute", "1", "exec_hour", "1"), // the seed's exec_time is not enough
                Map.of("task_name", "t", "exec_time", "1,1", "exec_weekly", "1"),
                Map.of("task_name", 7, "exec_minute", "1", "exec_hour", "1", "exec_weekly", "1"));
        for (Map<String, Object> data : bad) {
            assertEquals(data.toString(), 88888, TestSupport.code(() -> task("setup_shutdown", data)));
        }
        assertEquals(88888, TestSupport.code(() -> task("modify_shutdown", Map.of("task_name", "t"))));
        assertEquals(88888, TestSupport.code(() -> task("reboot_all", Map.of("task_name", "t"))));
        assertEquals(FOREIGN, text());
    }

    @Test
    public void weekdaysFollowTheOriginalsDigitRule() {
        assertEquals("1,2", Crontab.weekly("1,2"));
        assertEquals("1,2", Crontab.weekly("12"));
        assertEquals("0,7", Crontab.weekly("0, 7, 0"));
        assertEquals(88888, TestSupport.code(() -> Crontab.weekly("")));
        assertEquals("5", Crontab.minute("05"));
    }

    @Test
    public void switchedOffChangesAreRefusedButSelectWorks() throws IOException {
        Path dir = tmp.getRoot().toPath();
        Files.writeString(file, FOREIGN + "55 3 * * 1,2 shutdown now # front_end_controller:s1\n");
        NodeControlImpl off = new NodeControlImpl(TestSupport.config(Map.of("command_crontab",
                dir.resolve("crontab.sh").toString(), "allow_crontab", false)), null, null, null, dir, n -> true, () -> false,
                (s, u, p) -> false);
        assertEquals(-1, TestSupport.code(() -> off.task("CrontabHandler", "setup_shutdown", Map.of("task_name", "s2",
                "exec_minute", "1", "exec_hour", "1", "exec_weekly", "1"))));
        assertEquals(-1, TestSupport.code(() -> off.task("CrontabHandler", "delete_shutdown", Map.of("task_name", "s1"))));
        assertEquals("55", off.task("CrontabHandler", "select_shutdown", Map.of("task_name", "s1")).get("exec_minute"));
        assertEquals(FOREIGN + "55 3 * * 1,2 shutdown now # front_end_controller:s1\n", text());
    }

    @Test
    public void aFailingCrontabCommandIsOtherError() {
        NodeControlImpl broken = new NodeControlImpl(TestSupport.config(Map.of("command_crontab",
                "/nonexistent/crontab")), null, null, null, tmp.getRoot().toPath(), n -> true, () -> false, (s, u, p) -> false);
        assertEquals(-1, TestSupport.code(() -> broken.task("CrontabHandler", "select_shutdown",
                Map.of("task_name", "x"))));
    }

    private static final Map<String, Object> SETUP = Map.of("task_name", "shutdown3", "exec_minute", "55",
            "exec_hour", "3", "exec_weekly", "1");

    @Test
    public void aCrontabLargerThanTheReadLimitIsNeverRewritten() throws IOException {
        StringBuilder big = new StringBuilder(FOREIGN);
        while (big.length() <= CommandRunner.MAX_OUTPUT) {
            big.append("0 1 * * * /usr/local/bin/job-").append(big.length()).append(".sh\n");
        }
        Files.writeString(file, big);
        assertEquals(-1, TestSupport.code(() -> task("setup_shutdown", SETUP)));
        assertEquals("the crontab was cut when it was written back", big.toString(), text());
        // reading it is still fine
        assertEquals(40601, TestSupport.code(() -> task("select_shutdown", Map.of("task_name", "shutdown9"))));
    }

    @Test
    public void aCrontabThatIsNotUtf8IsNeverRewritten() throws IOException {
        byte[] latin1 = "0 1 * * * /usr/local/bin/caf\u00e9.sh # \u00e9t\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(file, latin1);
        assertEquals(-1, TestSupport.code(() -> task("setup_shutdown", SETUP)));
        assertTrue("the crontab's bytes were replaced", java.util.Arrays.equals(latin1, Files.readAllBytes(file)));
    }

    @Test
    public void aChangeMadeBetweenTheReadAndTheWriteIsKept() throws IOException {
        // a crontab whose first listing is followed by someone else's edit (crontab -e at the same moment)
        Path dir = tmp.getRoot().toPath();
        Path marker = dir.resolve("edited");
        Path racing = TestSupport.script(dir, "racing-crontab.sh", String.join("\n",
                "F='" + file + "'",
                "if [ \"$1\" = \"-l\" ]; then",
                "  cat \"$F\"",
                "  if [ ! -f '" + marker + "' ]; then touch '" + marker + "'; echo '15 1 * * * /bin/late-edit' >> \"$F\"; fi",
                "  exit 0",
                "fi",
                "if [ \"$1\" = \"-\" ]; then cat > \"$F\"; exit 0; fi",
                "exit 2"));
        NodeControlImpl c = new NodeControlImpl(TestSupport.config(Map.of("command_crontab", racing.toString(),
                "command_shutdown", "shutdown -h now")), null, null, null, dir, n -> true, () -> false, (s, u, p) -> false);
        Files.writeString(file, FOREIGN);
        c.task("CrontabHandler", "setup_shutdown", SETUP);
        assertTrue(text(), text().contains("15 1 * * * /bin/late-edit\n"));
        assertTrue(text(), text().contains("# front_end_controller:shutdown3\n"));
        assertForeignKept();
    }
}
