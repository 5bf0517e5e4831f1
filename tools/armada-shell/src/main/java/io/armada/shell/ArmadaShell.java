package io.armada.shell;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/**
 * Runs Karaf shell commands on a local Armada instance over its SSH console and exits with the command's status:
 * 0 on success, 1 when the command failed, 2 when the console could not be reached or refused the login.
 *
 * <p>Stock {@code bin/client} prints only "Closed" when stdin is not a terminal (KARAF-5995's stdin watcher,
 * apache/karaf#2926); this client uses an SSH exec channel with an empty stdin instead, so scripts, cron and CI get
 * the output.
 *
 * <pre>
 * bin/armada-shell [-a port] [-h host] [-u user] [-p token] [-t seconds] command [command ...]
 * </pre>
 * Defaults: the port from {@code ARMADA_SSH_PORT} or {@code etc/org.apache.karaf.shell.cfg}, host 127.0.0.1, user
 * {@code karaf}, the token from {@code ARMADA_TOKEN} or {@code etc/io.armada.security.cfg}. Several commands run one
 * after the other; the first failure stops the run.
 */
public final class ArmadaShell {
    static final int EXIT_OK = 0;
    static final int EXIT_COMMAND_FAILED = 1;
    static final int EXIT_UNREACHABLE = 2;

    private ArmadaShell() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args, env, Paths.get(System.getProperty("karaf.home", ".")));
        } catch (IllegalArgumentException e) {
            err.println("armada-shell: " + e.getMessage());
            err.println("usage: armada-shell [-a port] [-h host] [-u user] [-p token] [-t seconds] command ...");
            return EXIT_UNREACHABLE;
        }
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        try (ClientSession session = client.connect(o.user, o.host, o.port)
                .verify(Duration.ofSeconds(o.timeoutSeconds)).getSession()) {
            session.addPasswordIdentity(o.password);
            session.auth().verify(Duration.ofSeconds(o.timeoutSeconds));
            for (String command : o.commands) {
                int status = exec(session, command, out, err, o.timeoutSeconds);
                if (status != EXIT_OK) {
                    return status;
                }
            }
            return EXIT_OK;
        } catch (IOException | RuntimeException e) {
            err.println("armada-shell: cannot run the command on " + o.host + ":" + o.port + ": " + e.getMessage());
            return EXIT_UNREACHABLE;
        } finally {
            client.stop();
        }
    }

    private static int exec(ClientSession session, String command, OutputStream out, OutputStream err,
            int timeoutSeconds) throws IOException {
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setIn(new ByteArrayInputStream(new byte[0]));
            channel.setOut(nonClosing(out));
            channel.setErr(nonClosing(err));
            channel.open().verify(Duration.ofSeconds(timeoutSeconds));
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS), 0L);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(5));
            out.flush();
            err.flush();
            Integer status = channel.getExitStatus();
            return status == null || status == 0 ? EXIT_OK : EXIT_COMMAND_FAILED;
        }
    }

    private static OutputStream nonClosing(OutputStream target) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                target.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                target.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                target.flush();
            }

            @Override
            public void close() throws IOException {
                target.flush();
            }
        };
    }

    /** Command-line options with their defaults from the environment and the instance's etc/ files. */
    static final class Options {
        String host = "127.0.0.1";
        int port;
        String user = "karaf";
        String password;
        int timeoutSeconds = 30;
        final List<String> commands = new ArrayList<>();

        static Options parse(String[] args, Map<String, String> env, Path home) {
            Options o = new Options();
            Integer port = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-a" -> port = Integer.valueOf(value(args, ++i, a));
                    case "-h" -> o.host = value(args, ++i, a);
                    case "-u" -> o.user = value(args, ++i, a);
                    case "-p" -> o.password = value(args, ++i, a);
                    case "-t" -> o.timeoutSeconds = Integer.parseInt(value(args, ++i, a));
                    default -> o.commands.add(a);
                }
            }
            if (o.commands.isEmpty()) {
                throw new IllegalArgumentException("no command given");
            }
            if (port == null) {
                String p = env.get("ARMADA_SSH_PORT");
                if (p == null || p.isBlank()) {
                    p = property(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort");
                }
                port = p == null || p.isBlank() || p.contains("$") ? defaultPort(env) : Integer.parseInt(p.trim());
            }
            o.port = port;
            if (o.password == null) {
                String t = env.get("ARMADA_TOKEN");
                o.password = t != null && !t.isBlank() ? t.trim()
                        : property(home.resolve("etc/io.armada.security.cfg"), "token");
            }
            if (o.password == null || o.password.isBlank()) {
                throw new IllegalArgumentException("no token: set ARMADA_TOKEN, pass -p, or start the instance once");
            }
            return o;
        }

        private static int defaultPort(Map<String, String> env) {
            return "node".equals(env.get("ARMADA_ROLE")) ? 8102 : 8101;
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }

        static String property(Path file, String key) {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                return null;
            }
            String v = p.getProperty(key);
            return v == null ? null : v.trim();
        }
    }
}
