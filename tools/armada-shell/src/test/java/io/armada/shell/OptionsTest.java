package io.armada.shell;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class OptionsTest {
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void flagsWinOverEnvironmentAndFiles() throws Exception {
        Path home = tmp.newFolder("armada-home").toPath();
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/io.armada.security.cfg"), "token = from-file\n");
        ArmadaShell.Options o = ArmadaShell.Options.parse(new String[] {"-a", "9101", "-p", "flag", "a:b", "c:d"},
                Map.of("ARMADA_SSH_PORT", "9999", "ARMADA_TOKEN", "env"), home);
        assertEquals(9101, o.port);
        assertEquals("flag", o.password);
        assertEquals(List.of("a:b", "c:d"), o.commands);

        o = ArmadaShell.Options.parse(new String[] {"x:y"}, Map.of("ARMADA_SSH_PORT", "9999", "ARMADA_TOKEN", "env"), home);
        assertEquals(9999, o.port);
        assertEquals("env", o.password);

        o = ArmadaShell.Options.parse(new String[] {"x:y"}, Map.of("ARMADA_ROLE", "node"), home);
        assertEquals(8102, o.port);
        assertEquals("from-file", o.password);
    }

    @Test
    public void noCommandOrNoTokenIsAUsageError() throws Exception {
        Path home = tmp.newFolder("armada-home").toPath();
        for (String[] args : new String[][] {{}, {"a:b"}}) {
            try {
                ArmadaShell.Options.parse(args, Map.of(), home);
                fail();
            } catch (IllegalArgumentException expected) {
                // usage
            }
        }
    }
}
