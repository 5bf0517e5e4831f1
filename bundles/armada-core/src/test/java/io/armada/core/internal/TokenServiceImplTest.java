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


    static SecurityConfiguration config(String token) {
        return new SecurityConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SecurityConfiguration.class;
            }

            @Override
            public String token() {
                return token;
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

    @Test
    public void environmentWinsOverConfiguration() throws Exception {
        TokenServiceImpl t = new TokenServiceImpl(config("from-config"), Map.of("ARMADA_TOKEN", " from-env ")::get, tempCfg());
        assertEquals("from-env", t.token());
        assertEquals("environment", t.source());
        assertTrue(t.matches("from-env"));
        assertFalse(t.matches("from-config"));
    }

    @Test
    public void configurationWhenNoEnvironment() throws Exception {
        TokenServiceImpl t = new TokenServiceImpl(config("from-config"), k -> null, tempCfg());
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
        TokenServiceImpl t = new TokenServiceImpl(config(""), k -> null, cfg);
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
        t.modified(config(""));
        assertEquals("a reconfiguration without a token keeps the generated one", first, t.token());
        t.modified(config(first));
        assertEquals(first, t.token());
        assertNotEquals(first, new TokenServiceImpl(config(""), k -> null, tempCfg()).token());
    }

    @Test
    public void comparisonWorkIsIndependentOfWhereOrWhetherItDiffers() {
        // both sides are hashed to 32 bytes before MessageDigest.isEqual: equal lengths always
        assertEquals(32, TokenServiceImpl.sha256("a").length);
        assertEquals(32, TokenServiceImpl.sha256("a".repeat(1000)).length);
    }
}
