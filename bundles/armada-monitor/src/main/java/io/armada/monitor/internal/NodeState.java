package io.armada.monitor.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.UUID;

/**
 * What a node keeps across restarts, in {@code <armada.data>/monitor/node.properties} (a node has no database):
 * its {@code node_uuid} (generated once, or set by {@code TimerHandler update}), the report address set by
 * {@code TimerHandler update}, and whether reporting is paused. Written to a temporary file and moved into place,
 * so a crash never leaves half a file.
 */
final class NodeState {
    /** The persisted values. */
    record Values(String nodeUuid, String addr, boolean paused) {
    }

    private final Path file;
    private Values values;

    NodeState(Path folder) {
        this.file = folder.resolve("node.properties");
    }

    /** Reads the file, creating it with a new node uuid the first time. */
    synchronized Values load() {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        String uuid = p.getProperty("node_uuid", "").trim();
        String addr = p.getProperty("addr", "").trim();
        Values v = new Values(uuid.isEmpty() ? UUID.randomUUID().toString() : uuid, addr.isEmpty() ? null : addr,
                Boolean.parseBoolean(p.getProperty("paused", "false").trim()));
        if (uuid.isEmpty()) {
            write(v);
        }
        values = v;
        return v;
    }

    synchronized Values get() {
        return values == null ? load() : values;
    }

    /** Persists new values (then they are the current ones). */
    synchronized void set(Values v) {
        write(v);
        values = v;
    }

    private void write(Values v) {
        Properties p = new Properties();
        p.setProperty("node_uuid", v.nodeUuid());
        p.setProperty("addr", v.addr() == null ? "" : v.addr());
        p.setProperty("paused", Boolean.toString(v.paused()));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "Armada node state (monitor): node_uuid, report address, reporting paused");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
