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
 */
@Component(service = TokenService.class, configurationPid = TokenServiceImpl.PID, immediate = true)
@Designate(ocd = SecurityConfiguration.class)
public class TokenServiceImpl implements TokenService {
    static final String PID = "io.armada.security";
    static final String ENV = "ARMADA_TOKEN";
    private static final Logger LOG = LoggerFactory.getLogger(TokenServiceImpl.class);

    private record State(String token, byte[] digest, String source, String shellUser) {
    }

    private final UnaryOperator<String> env;
    private final Path configFile;
    private volatile State state;

    @Activate
    public TokenServiceImpl(SecurityConfiguration config) {
        this(config, System::getenv, etcDir().resolve(PID + ".cfg"));
    }

    TokenServiceImpl(SecurityConfiguration config, UnaryOperator<String> env, Path configFile) {
        this.env = env;
        this.configFile = configFile;
        this.state = resolve(config);
    }

    @Modified
    void modified(SecurityConfiguration config) {
        State next = resolve(config);
        if (!next.token().equals(state.token())) {
            LOG.info("Fleet token changed (source: {})", next.source());
        }
        state = next;
    }

    @Override
    public boolean matches(String candidate) {
        if (candidate == null) {
            // still spend the same work as a real comparison
            MessageDigest.isEqual(sha256(""), state.digest());
            return false;
        }
        return MessageDigest.isEqual(sha256(candidate), state.digest());
    }

    @Override
    public String token() {
        return state.token();
    }

    @Override
    public String source() {
        return state.source();
    }

    /** The shell user that logs in with the token. */
    String shellUser() {
        return state.shellUser();
    }

    private State resolve(SecurityConfiguration config) {
        String user = config.shell_user() == null || config.shell_user().isBlank() ? "karaf" : config.shell_user();
        String fromEnv = env.apply(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new State(fromEnv.trim(), sha256(fromEnv.trim()), "environment", user);
        }
        String fromConfig = config.token();
        if (fromConfig != null && !fromConfig.isBlank()) {
            return new State(fromConfig.trim(), sha256(fromConfig.trim()), "configuration", user);
        }
        State current = state;
        if (current != null && current.source().equals("generated")) {
            return current;
        }
        String generated = generate();
        store(generated);
        LOG.info("Generated the fleet token {} and stored it in {} (mode 0600); print it with armada:token",
                Secrets.mask(generated), configFile);
        return new State(generated, sha256(generated), "generated", user);
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
