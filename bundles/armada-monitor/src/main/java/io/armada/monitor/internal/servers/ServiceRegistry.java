package io.armada.monitor.internal.servers;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.armada.core.ApiException;
import io.armada.monitor.internal.Codes;

/**
 * The managed services this node knows: one registry folder each, {@code ${ARMADA_DATA}/servers/<app>.<server>},
 * holding its state file. Read from the disk once, at the first question, then kept in memory and written through
 * at every change. Also the rules on where a service's folder may be.
 */
final class ServiceRegistry {
    private final Path root;
    private final List<Path> baseRoots;
    private final int max;
    private Map<String, ServiceState> states;
    /** First deploys in progress: key → the folder they will use (counted and checked as if deployed). */
    private final Map<String, Path> pending = new TreeMap<>();

    ServiceRegistry(Path root, List<Path> baseRoots, int max) {
        this.root = root;
        this.baseRoots = baseRoots;
        this.max = max;
    }

    private Map<String, ServiceState> states() {
        if (states == null) {
            states = new TreeMap<>();
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
                for (Path d : dirs) {
                    ServiceState s = ServiceState.load(d);
                    if (s != null && d.getFileName().toString().equals(ServiceNames.key(s.app(), s.server()))) {
                        states.put(d.getFileName().toString(), s);
                    }
                }
            } catch (IOException e) {
                // no registry yet: no service
            }
        }
        return states;
    }

    /** The registry folder of a service (its state, its logs; by default its files too). */
    Path folder(String app, String server) {
        return root.resolve(ServiceNames.key(app, server));
    }

    /** The state of a deployed service, or null. */
    synchronized ServiceState find(String app, String server) {
        return states().get(ServiceNames.key(app, server));
    }

    /** The state of a deployed service, or 40701. */
    ServiceState require(String app, String server) {
        ServiceState s = find(app, server);
        if (s == null) {
            throw Codes.refuse(Codes.SERVER_NOT_FOUND, "no service " + ServiceNames.key(app, server)
                    + " is deployed on this node");
        }
        return s;
    }

    /**
     * Holds a place for a first deploy of {@code app.server} in {@code home}, checked and taken at once, so two first
     * deploys running side by side can neither pass servers.max together nor share a base_path: refused past
     * when {@code home} (a base_path) overlaps another service's folder or holds files (40709), or past servers.max
     * (503).
     * Give it back with {@link #release} when the deploy ends, done or not.
     */
    synchronized void reserve(String app, String server, Path home, boolean basePath) {
        if (basePath) {
            requireFreeHome(home);
        }
        if (states().size() + pending.size() >= max) {
            throw ApiException.unavailable("this node manages " + max + " services already (servers.max)");
        }
        pending.put(ServiceNames.key(app, server), home);
    }

    synchronized void release(String app, String server) {
        pending.remove(ServiceNames.key(app, server));
    }

    synchronized List<ServiceState> all() {
        return List.copyOf(states().values());
    }

    /** Writes the state (atomically) and keeps it. */
    synchronized void put(ServiceState s) throws IOException {
        s.save(folder(s.app(), s.server()));
        states().put(ServiceNames.key(s.app(), s.server()), s);
    }

    synchronized void remove(String app, String server) {
        states().remove(ServiceNames.key(app, server));
    }

    /** The service folder, links resolved, is its registry folder or strictly inside a base root. */
    void requireInsideRoots(Path home, Path reg) throws IOException {
        Path real = home.toRealPath();
        if (real.equals(reg.toRealPath())) {
            return;
        }
        for (Path base : baseRoots) {
            if (Files.isDirectory(base) && real.startsWith(base.toRealPath()) && !real.equals(base.toRealPath())) {
                return;
            }
        }
        throw Codes.refuse(Codes.PATH_REFUSED, "the service folder " + home + " leads outside " + baseRoots);
    }

    /**
     * A new service's base_path: not another service's folder (nor inside or around one), and absent or empty, as
     * undeploy deletes it whole.
     */
    private void requireFreeHome(Path home) {
        Map<String, Path> homes = new TreeMap<>(pending);
        for (ServiceState s : states().values()) {
            homes.put(ServiceNames.key(s.app(), s.server()), s.home());
        }
        for (Map.Entry<String, Path> e : homes.entrySet()) {
            if (home.startsWith(e.getValue()) || e.getValue().startsWith(home)) {
                throw Codes.refuse(Codes.PATH_REFUSED, "base_path overlaps the folder of " + e.getKey());
            }
        }
        if (Files.exists(home, LinkOption.NOFOLLOW_LINKS)) {
            boolean empty;
            try (DirectoryStream<Path> d = Files.newDirectoryStream(home)) {
                empty = !d.iterator().hasNext();
            } catch (IOException e) {
                empty = false;
            }
            if (!empty || Files.isSymbolicLink(home)) {
                throw Codes.refuse(Codes.PATH_REFUSED, "base_path must be a new or empty folder (undeploy deletes it)");
            }
        }
    }
}
