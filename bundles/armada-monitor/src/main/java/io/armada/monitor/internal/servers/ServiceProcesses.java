package io.armada.monitor.internal.servers;

import java.time.Duration;
import java.util.List;

/**
 * The processes of a managed service: those of the session its start script ran in, in this boot (a session id
 * kept from an earlier boot names nothing of ours). Never the node's own session, never pid 1. Ending them is
 * SIGTERM to each, a grace period, then SIGKILL to what is left.
 */
final class ServiceProcesses {
    private static final long POLL_MILLIS = 100;

    private final ProcTable procs;
    private final String bootId;
    private final Duration grace;
    private final long ownSession;

    ServiceProcesses(ProcTable procs, String bootId, Duration grace) {
        this.procs = procs;
        this.bootId = bootId == null ? "" : bootId;
        this.grace = grace;
        long[] self = ProcTable.readStat(java.nio.file.Path.of("/proc/self/stat"));
        this.ownSession = self == null ? -1 : self[1];
    }

    String bootId() {
        return bootId;
    }

    private boolean ours(ServiceState s) {
        return s.session() > 1 && s.session() != ownSession && bootId.equals(s.bootId());
    }

    ProcTable.Group group(ServiceState s) {
        return ours(s) ? procs.session(s.session()) : ProcTable.Group.EMPTY;
    }

    boolean active(ServiceState s) {
        return !group(s).pids().isEmpty();
    }

    /** Ends every process of {@code s}; answers the pids still alive after SIGKILL (none, normally). */
    List<Long> end(ServiceState s) {
        if (!ours(s)) {
            return List.of();
        }
        List<Long> left = signal(procs.sessionNow(s.session()).pids(), false);
        long deadline = System.nanoTime() + grace.toNanos();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            pause();
            left = procs.sessionNow(s.session()).pids();
        }
        if (left.isEmpty()) {
            return left;
        }
        signal(left, true);
        deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            pause();
            left = procs.sessionNow(s.session()).pids();
        }
        return left;
    }

    private List<Long> signal(List<Long> pids, boolean kill) {
        long self = ProcessHandle.current().pid();
        for (long pid : pids) {
            if (pid > 1 && pid != self) {
                ProcessHandle.of(pid).ifPresent(h -> {
                    if (kill) {
                        h.destroyForcibly();
                    } else {
                        h.destroy();
                    }
                });
            }
        }
        return pids;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
