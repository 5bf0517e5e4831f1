package io.armada.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TokenServiceImplTest {
    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();


    static SecurityConfiguration config() {
        return new SecurityConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SecurityConfiguration.class;
            }

            @Override
            public String shell_user() {
                return "karaf";
            }
        };
    }

    private Path tempCfg() throws Exception {
        return tmp.newFolder().toPath().resolve("io.armada.security.cfg");
    }

    private Path cfgWith(String token, String mode) throws Exception {
        Path cfg = tempCfg();
        Files.writeString(cfg, "token = " + token + "\n");
        Files.setPosixFilePermissions(cfg, PosixFilePermissions.fromString(mode));
        return cfg;
    }

    @Test
    public void environmentWinsOverConfiguration() throws Exception {
        TokenServiceImpl t = new TokenServiceImpl(config(), Map.of("ARMADA_TOKEN", " from-env ")::get,
                cfgWith("from-config", "rw-------"));
        assertEquals("from-env", t.token());
        assertEquals("environment", t.source());
        assertTrue(t.matches("from-env"));
        assertFalse(t.matches("from-config"));
    }

    @Test
    public void configurationWhenNoEnvironment() throws Exception {
        TokenServiceImpl t = new TokenServiceImpl(config(), k -> null, cfgWith("from-config", "rw-------"));
        assertEquals("configuration", t.source());
        assertTrue(t.matches("from-config"));
        assertFalse(t.matches(null));
        assertFalse(t.matches(""));
        assertFalse(t.matches("from-confi"));
        assertFalse(t.matches("from-config "));
    }

    @Test
    public void generatedOnceStoredWithMode0600AndKeptOnReconfiguration() throws Exception {
        Path cfg = tempCfg();
        TokenServiceImpl t = new TokenServiceImpl(config(), k -> null, cfg);
        assertEquals("generated", t.source());
        assertTrue(t.token().length() >= 40);
        assertTrue(Files.exists(cfg));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cfg)));
        Properties p = new Properties();
        try (var in = Files.newInputStream(cfg)) {
            p.load(in);
        }
        assertEquals(t.token(), p.getProperty("token"));
        String first = t.token();
        t.modified(config());
        assertEquals("a reconfiguration keeps the generated one", first, t.token());
        assertEquals("read back from its file by the next start", first,
                new TokenServiceImpl(config(), k -> null, cfg).token());
        assertNotEquals(first, new TokenServiceImpl(config(), k -> null, tempCfg()).token());
    }

    @Test
    public void aTokenFileOthersCanReadIsMadePrivate() throws Exception {
        // security review H1: the file is read by core itself, and kept at 0600 whoever wrote it
        Path cfg = cfgWith("from-a-0644-file-0123456789abcdef01", "rw-r--r--");
        TokenServiceImpl t = new TokenServiceImpl(config(), k -> null, cfg);
        assertTrue(t.matches("from-a-0644-file-0123456789abcdef01"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cfg)));
    }

    @Test
    public void aChangedFileIsReadAgain() throws Exception {
        Path cfg = cfgWith("first-token-0123456789abcdef0123456", "rw-------");
        TokenServiceImpl t = new TokenServiceImpl(config(), k -> null, cfg);
        Files.writeString(cfg, "token = second-token-0123456789abcdef012345\n");
        Files.setLastModifiedTime(cfg, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        t.modified(config()); // what a later look (every 2 s) does
        assertTrue(t.matches("second-token-0123456789abcdef012345"));
        assertFalse(t.matches("first-token-0123456789abcdef0123456"));
    }

    @Test
    public void comparisonWorkIsIndependentOfWhereOrWhetherItDiffers() {
        // both sides are hashed to 32 bytes before MessageDigest.isEqual: equal lengths always
        assertEquals(32, TokenServiceImpl.sha256("a").length);
        assertEquals(32, TokenServiceImpl.sha256("a".repeat(1000)).length);
    }
}
