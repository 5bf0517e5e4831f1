package io.armada.monitor.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured commands that touch the machine (crontab, systemctl, shutdown, ifup, ...). A command is a
 * configured string split on whitespace into the program and its first arguments; no shell is involved, so request
 * values passed as further arguments are never interpreted. Output is bounded; every wait has a deadline.
 */
final class CommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    /** Output kept per run: enough for a crontab or a systemctl answer. */
    static final int MAX_OUTPUT = 256 * 1024;

    /**
     * What a command did. {@code exit} is -1 when it could not start or timed out. {@code exact} is false when the
     * output was cut at {@link #MAX_OUTPUT} or held bytes that are not UTF-8 (replaced in {@code output}): such an
     * output may be shown, never written back.
     */
    record Result(int exit, String output, boolean exact) {
        Result(int exit, String output) {
            this(exit, output, true);
        }

        boolean ok() {
            return exit == 0;
        }
    }

    private CommandRunner() {
    }

    /** The program and arguments of a configured command; empty when the setting is blank. */
    static List<String> split(String configured) {
        if (configured == null || configured.isBlank()) {
            return List.of();
        }
        return List.of(configured.trim().split("\\s+"));
    }

    /** {@code base} followed by {@code args}. */
    static List<String> argv(List<String> base, String... args) {
        List<String> all = new ArrayList<>(base);
        all.addAll(Arrays.asList(args));
        return all;
    }

    /**
     * Runs a command to its end, feeding {@code stdin} (may be null), and returns its exit status and output
     * (stdout and stderr merged, at most {@link #MAX_OUTPUT} bytes). Input and output go through temporary files,
     * so no thread reads pipes and nothing blocks past the deadline.
     */
    static Result run(List<String> argv, byte[] stdin, Duration timeout) {
        if (argv.isEmpty()) {
            return new Result(-1, "no command configured");
        }
        Path in = null;
        Path out = null;
        Process p = null;
        try {
            out = Files.createTempFile("armada-cmd-", ".out");
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(out.toFile()));
            if (stdin == null) {
                pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            } else {
                in = Files.createTempFile("armada-cmd-", ".in");
                Files.write(in, stdin);
                pb.redirectInput(ProcessBuilder.Redirect.from(in.toFile()));
            }
            p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(-1, argv.get(0) + " timed out after " + timeout.toSeconds() + " s");
            }
            return head(p.exitValue(), out);
        } catch (IOException e) {
            if (p != null) {
                p.destroyForcibly();
            }
            return new Result(-1, "cannot run " + argv.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Result(-1, argv.get(0) + " interrupted");
        } finally {
            deleteQuietly(in);
            deleteQuietly(out);
        }
    }

    private static Result head(int exit, Path file) throws IOException {
        byte[] bytes;
        try (InputStream s = Files.newInputStream(file)) {
            bytes = s.readNBytes(MAX_OUTPUT + 1);
        }
        boolean cut = bytes.length > MAX_OUTPUT;
        if (cut) {
            bytes = Arrays.copyOf(bytes, MAX_OUTPUT);
        }
        boolean utf8;
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            utf8 = true;
        } catch (CharacterCodingException e) {
            utf8 = false;
        }
        return new Result(exit, new String(bytes, StandardCharsets.UTF_8), !cut && utf8);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.debug("Cannot delete {}: {}", file, e.getMessage());
            }
        }
    }

    /**
     * Starts a command and does not wait for it (the seed's fire-and-forget actions); its exit status is logged.
     *
     * @return false when it could not be started
     */
    static boolean start(List<String> argv) {
        if (argv.isEmpty()) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectErrorStream(true)
                    .start();
            String name = String.join(" ", argv);
            p.onExit().thenAccept(done -> {
                if (done.exitValue() != 0) {
                    LOG.warn("Command '{}' exited with status {}", name, done.exitValue());
                } else {
                    LOG.debug("Command '{}' done", name);
                }
            });
            return true;
        } catch (IOException e) {
            LOG.warn("Cannot run {}: {}", argv.get(0), e.getMessage());
            return false;
        }
    }
}
