package io.armada.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.UnaryOperator;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.Secrets;
import io.armada.core.TokenService;

/**
 * The fleet token: {@code ARMADA_TOKEN}, else {@code etc/io.armada.security.cfg}, else generated once and stored
 * there (mode 0600). Compared in constant time: both sides are hashed to 32 bytes first, so neither the position of
 * the first wrong character nor the length of a wrong token changes the time taken.
 * <p>
 * The file is read here, not through Config Admin (security review H1): Felix fileinstall skips it
 * ({@code felix.fileinstall.filter} in etc/config.properties), because Config Admin keeps its own copy of every
 * configuration under {@code data/}, readable by anyone. The file is kept at mode 0600 (tightened when found wider)
 * and read again when it changes. Config Admin's {@code io.armada.security} holds the shell user only; a
 * {@code token} found there is ignored, with a warning.
 */
@Component(service = TokenService.class, configurationPid = TokenServiceImpl.PID, immediate = true)
@Designate(ocd = SecurityConfiguration.class)
public class TokenServiceImpl implements TokenService {
    static final String PID = "io.armada.security";
    static final String ENV = "ARMADA_TOKEN";
    private static final Logger LOG = LoggerFactory.getLogger(TokenServiceImpl.class);

    private record State(String token, byte[] digest, String source, String shellUser) {
    }

    /** Shortest token accepted without a warning (security review L10): 32 characters, as generated ones have 43. */
    static final int MIN_LENGTH = 32;
    private static final long RECHECK_NANOS = 2_000_000_000L;

    private final UnaryOperator<String> env;
    private final Path configFile;
    private volatile State state;
    private volatile String shellUser;
    private volatile Object fileStamp;
    private volatile long checkedAt;

    @Activate
    public TokenServiceImpl(SecurityConfiguration config, java.util.Map<String, Object> properties) {
        this(config, System::getenv, etcDir().resolve(PID + ".cfg"));
        warnAboutConfigAdminToken(properties);
    }

    TokenServiceImpl(SecurityConfiguration config, UnaryOperator<String> env, Path configFile) {
        this.env = env;
        this.configFile = configFile;
        configure(config);
        this.state = resolve();
        this.checkedAt = System.nanoTime();
    }

    @Modified
    void modified(SecurityConfiguration config, java.util.Map<String, Object> properties) {
        warnAboutConfigAdminToken(properties);
        modified(config);
    }

    void modified(SecurityConfiguration config) {
        configure(config);
        State next = resolve();
        if (!next.token().equals(state.token())) {
            LOG.info("Fleet token changed (source: {})", next.source());
        }
        state = next;
    }

    private void configure(SecurityConfiguration config) {
        shellUser = config.shell_user() == null || config.shell_user().isBlank() ? "karaf" : config.shell_user();
    }

    private void warnAboutConfigAdminToken(java.util.Map<String, Object> properties) {
        if (properties != null && properties.get("token") != null) {
            LOG.warn("A token in Config Admin (PID {}) is ignored: the token lives in {} only (mode 0600); core takes"
                    + " it out of Config Admin (ConfigAdminTokenCleaner)", PID, configFile);
        }
    }

    /** Reads the file again when it changed (looked at no more than every 2 s: every request checks a token). */
    private State current() {
        long now = System.nanoTime();
        if (now - checkedAt >= RECHECK_NANOS) {
            checkedAt = now;
            if (!"environment".equals(state.source()) && !java.util.Objects.equals(stamp(), fileStamp)) {
                State next = resolve();
                if (!next.token().equals(state.token())) {
                    LOG.info("Fleet token changed (source: {})", next.source());
                }
                state = next;
            }
        }
        return state;
    }

    private Object stamp() {
        try {
            return java.util.List.of(Files.getLastModifiedTime(configFile), Files.size(configFile));
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public boolean matches(String candidate) {
        State state = current();
        if (candidate == null) {
            // still spend the same work as a real comparison
            MessageDigest.isEqual(sha256(""), state.digest());
            return false;
        }
        return MessageDigest.isEqual(sha256(candidate), state.digest());
    }

    @Override
    public String token() {
        return current().token();
    }

    @Override
    public String source() {
        return current().source();
    }

    /** The shell user that logs in with the token. */
    String shellUser() {
        return shellUser;
    }

    private State resolve() {
        String user = shellUser;
        String fromEnv = env.apply(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return checked(new State(fromEnv.trim(), sha256(fromEnv.trim()), "environment", user));
        }
        fileStamp = stamp();
        String fromFile = readFile();
        if (fromFile != null && !fromFile.isBlank()) {
            return checked(new State(fromFile.trim(), sha256(fromFile.trim()), "configuration", user));
        }
        State current = state;
        if (current != null && current.source().equals("generated")) {
            return current;
        }
        String generated = generate();
        store(generated);
        fileStamp = stamp();
        LOG.info("Generated the fleet token {} and stored it in {} (mode 0600); print it with armada:token",
                Secrets.mask(generated), configFile);
        return new State(generated, sha256(generated), "generated", user);
    }

    /** Warns about a token an attacker could guess (security review L10); it still works, so a fleet keeps running. */
    private static State checked(State s) {
        if (s.token().length() < MIN_LENGTH) {
            LOG.warn("The fleet token (from the {}) has {} characters, fewer than {}: it can be guessed; set a longer"
                    + " one (a generated token has 43)", s.source(), s.token().length(), MIN_LENGTH);
        }
        return s;
    }

    /** The {@code token} of the file, tightening the file to mode 0600 first when others could read it. */
    private String readFile() {
        if (!Files.isRegularFile(configFile)) {
            return null;
        }
        try {
            try {
                java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(configFile);
                java.util.Set<java.nio.file.attribute.PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
                if (!owner.containsAll(perms)) {
                    Files.setPosixFilePermissions(configFile, owner);
                    LOG.warn("{} could be read by other users: its mode is now 0600", configFile);
                }
            } catch (UnsupportedOperationException noPosix) {
                // a file system without POSIX permissions
            }
            java.util.Properties p = new java.util.Properties();
            try (var in = Files.newInputStream(configFile)) {
                p.load(in);
            }
            return p.getProperty("token");
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Could not read the fleet token from {}: {}", configFile, e.toString());
            return null;
        }
    }

    static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Writes the token where the configuration admin picks it up, readable by the owner only. */
    private void store(String token) {
        String text = "# Armada fleet token (SPEC §4), generated at first start. Keep this file private (mode 0600).\n"
                + "# ARMADA_TOKEN in the environment overrides it.\n"
                + "token = " + token + "\n";
        try {
            Files.createDirectories(configFile.getParent());
            Path tmp = configFile.resolveSibling(configFile.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException noPosix) {
                // a file system without POSIX permissions: the file gets the folder's defaults
                Files.createFile(tmp);
            }
            Files.write(tmp, text.getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(tmp, configFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, configFile, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // the token still works for this run; the next start generates another one
            LOG.warn("Could not store the generated fleet token in {}: {}", configFile, e.toString());
        }
    }

    /**
     * Never used itself: each digest is a clone of it. {@code getInstance} searches the security providers on every
     * call, which a node profile showed at 4% of a small answer's CPU (every request checks a token).
     */
    private static final MessageDigest SHA256;

    static {
        try {
            SHA256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static byte[] sha256(String s) {
        MessageDigest md;
        try {
            md = (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return md.digest(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Path etcDir() {
        String etc = System.getProperty("karaf.etc");
        if (etc == null) {
            String home = System.getProperty("karaf.base", System.getProperty("karaf.home", "."));
            return Paths.get(home, "etc");
        }
        return Paths.get(etc);
    }
}
