package io.armada.monitor.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Test;

/**
 * The real PAM binding (libpam4j on JNA) loads and refuses: a wrong password, an unknown user. It proves refusals
 * only (a binding that refused everything would pass): a test machine has no account whose password a test may
 * know, so the accepting path is covered with a stand-in in {@link NodeControlTest}. Skipped where libpam is absent.
 */
public class LibPamCheckTest {

    @Test
    public void loadsAndRefusesAWrongPasswordAndAnUnknownUserOnly() {
        assumeTrue(Files.exists(Path.of("/lib/x86_64-linux-gnu/libpam.so.0"))
                || Files.exists(Path.of("/usr/lib64/libpam.so.0")) || Files.exists(Path.of("/usr/lib/libpam.so.0")));
        LibPamCheck pam = new LibPamCheck();
        assertFalse(pam.check("system-auth", "root", "certainly-not-the-password-" + System.nanoTime()));
        assertFalse(pam.check("system-auth", "no-such-user-armada", "x"));
    }
}
