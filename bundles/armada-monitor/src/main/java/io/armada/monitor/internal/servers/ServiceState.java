package io.armada.monitor.internal.servers;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What the node keeps of one managed service, in {@code service.properties} of its registry folder
 * ({@code ${ARMADA_DATA}/servers/<app>.<server>}), written atomically so a node killed at any moment finds it again:
 * its home (the registry folder, or the deploy's {@code base_path}), the current and the previous version
 * (folders {@code versions/<n>} of the home), the start and stop scripts (relative to a version folder), and the
 * session its processes run in with the boot it was started in (a session id of an earlier boot means nothing).
 *
 * @param session 0 when the node started nothing (or stopped it)
 */
public record ServiceState(String app, String server, Path home, int current, int previous, String startScript,
        String stopScript, long session, String bootId) {

    static final String FILE = "service.properties";

    /** The folder of version {@code n} under the home. */
    Path version(int n) {
        return home.resolve("versions").resolve(Integer.toString(n));
    }

    /** The folder scripts run in and write_config writes to: the current version's. */
    Path currentFolder() {
        return version(current);
    }

    ServiceState withVersions(int newCurrent, int newPrevious) {
        return new ServiceState(app, server, home, newCurrent, newPrevious, startScript, stopScript, session, bootId);
    }

    ServiceState withSession(long newSession, String newBootId) {
        return new ServiceState(app, server, home, current, previous, startScript, stopScript, newSession, newBootId);
    }

    ServiceState withScripts(String start, String stop) {
        return new ServiceState(app, server, home, current, previous, start, stop, session, bootId);
    }

    void save(Path registryFolder) throws IOException {
        Properties p = new Properties();
        p.setProperty("app", app);
        p.setProperty("server", server);
        p.setProperty("home", home.toString());
        p.setProperty("current", Integer.toString(current));
        p.setProperty("previous", Integer.toString(previous));
        p.setProperty("start_script", startScript);
        p.setProperty("stop_script", stopScript);
        p.setProperty("session", Long.toString(session));
        p.setProperty("boot_id", bootId == null ? "" : bootId);
        StringWriter w = new StringWriter();
        p.store(w, "managed by the armada node (ServerHandler); do not edit while the node runs");
        Folders.writeAtomically(registryFolder.resolve(FILE), w.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The state kept in {@code registryFolder}, or null when there is none (or it is unreadable). */
    static ServiceState load(Path registryFolder) {
        Path f = registryFolder.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(f, StandardCharsets.UTF_8)));
            return new ServiceState(p.getProperty("app"), p.getProperty("server"), Path.of(p.getProperty("home")),
                    Integer.parseInt(p.getProperty("current", "0")), Integer.parseInt(p.getProperty("previous", "0")),
                    p.getProperty("start_script", ServiceNames.DEFAULT_START),
                    p.getProperty("stop_script", ServiceNames.DEFAULT_STOP),
                    Long.parseLong(p.getProperty("session", "0")), p.getProperty("boot_id", ""));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
