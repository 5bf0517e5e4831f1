package io.armada.monitor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** systemd states through a systemctl stand-in; "not found" without systemd. */
public class ServiceStatesTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void withoutSystemdEverythingIsNotFoundAndNothingRuns() throws IOException {
        Path log = tmp.getRoot().toPath().resolve("log");
        Path systemctl = TestSupport.recorder(tmp.getRoot().toPath(), "systemctl.sh", log, 0);
        ServiceStates s = new ServiceStates(List.of(systemctl.toString()), () -> false);
        assertEquals(Map.of("libvirtd", "not found", "httpd", "not found"), s.states(List.of("libvirtd", "httpd")));
        assertEquals(List.of(), TestSupport.calls(log));
    }

    @Test
    public void readsSubStatesFromSystemctlShow() throws IOException {
        Path systemctl = TestSupport.script(tmp.getRoot().toPath(), "systemctl.sh", String.join("\n",
                "echo \"$*\" > '" + tmp.getRoot() + "/args'",
                "printf 'LoadState=loaded\\nSubState=running\\n\\nLoadState=not-found\\nSubState=dead\\n\\nLoadState=loaded\\nSubState=exited\\n'"));
        ServiceStates s = new ServiceStates(List.of(systemctl.toString()), () -> true);
        Map<String, String> states = s.states(List.of("libvirtd", "nope", "bad name", "kdump"));
        assertEquals("running", states.get("libvirtd"));
        assertEquals("not found", states.get("nope"));
        assertEquals("not found", states.get("bad name")); // never passed to systemctl
        assertEquals("exited", states.get("kdump"));
        assertEquals(List.of("show --property=LoadState,SubState -- libvirtd nope kdump"),
                TestSupport.calls(tmp.getRoot().toPath().resolve("args")));
    }

    @Test
    public void aFailingSystemctlMeansNotFound() {
        ServiceStates s = new ServiceStates(List.of("/nonexistent/systemctl"), () -> true);
        assertEquals(Map.of("x", "not found"), s.states(List.of("x")));
    }

    @Test
    public void unitNamesNeverStartWithADash() {
        assertTrue(ServiceStates.validName("libvirtd"));
        assertTrue(ServiceStates.validName("getty@tty1.service"));
        assertFalse(ServiceStates.validName("--now"));
        assertFalse(ServiceStates.validName("a b"));
        assertFalse(ServiceStates.validName(""));
        assertFalse(ServiceStates.validName(null));
    }

    @Test
    public void thisMachineWithoutSystemdAsInitAnswersNotFound() {
        ServiceStates s = new ServiceStates(List.of("systemctl"), ServiceStates.sdBooted());
        if (!s.systemd()) {
            assertEquals(Map.of("sshd", "not found"), s.states(List.of("sshd")));
        }
    }
}
