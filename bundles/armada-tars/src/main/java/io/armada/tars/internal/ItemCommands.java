package io.armada.tars.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.armada.tars.PatchPackage;
import io.armada.tars.ServerConf;
import io.armada.tars.TarsPatches;
import io.armada.tars.TaskItem;

/**
 * What a task item's command does on its node (reference §002.8): {@code restart}, {@code stop},
 * {@code undeploy_tars} and {@code patch_tars} as node calls, and what the answer changes on the server row.
 */
final class ItemCommands {
    /** A deploy may download for the node's download limit (600 s) and run scripts. */
    static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(700);
    /** Two script runs (60 s each), the stop grace and a margin. */
    static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(160);

    /** What an item's node call came to. */
    record Outcome(boolean ok, String info, String execute, TaskDao.ServerUpdate update) {
        static Outcome failed(String why, String output) {
            return new Outcome(false, why, output == null ? "" : output, TaskDao.ServerUpdate.NONE);
        }
    }

    private final TarsPatches patches;
    private final Clock clock;

    ItemCommands(TarsPatches patches, Clock clock) {
        this.patches = patches;
        this.clock = clock;
    }

    /** The node call's {@code app} and {@code server}. */
    static Map<String, Object> names(ServerConf s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app", s.application());
        m.put("server", s.serverName());
        return m;
    }

    static Long firstPid(NodeCalls.Reply r) {
        Object p = r.data() == null ? null : r.data().get("pids");
        if (p instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Number n) {
            return n.longValue();
        }
        return 0L;
    }

    CompletionStage<Outcome> perform(TaskItem item, ServerConf s, NodeCalls c, String serverUrl, String user) {
        String ip = s.nodeName();
        switch (item.command()) {
            case "restart" -> {
                return c.call(ip, "restart", names(s), CONTROL_TIMEOUT).thenApply(r -> r.ok()
                        ? new Outcome(true, "restarted: " + r.state(), r.output(), new TaskDao.ServerUpdate("active",
                                r.state(), null, null, null, firstPid(r), false))
                        : Outcome.failed(r.message(), r.output()));
            }
            case "stop" -> {
                return c.call(ip, "stop", names(s), CONTROL_TIMEOUT).thenApply(r -> r.ok()
                        ? new Outcome(true, "stopped: " + r.state(), r.output(), new TaskDao.ServerUpdate("inactive",
                                r.state(), null, null, null, firstPid(r), false))
                        : Outcome.failed(r.message(), r.output()));
            }
            case "undeploy_tars" -> {
                return c.call(ip, "undeploy", names(s), CONTROL_TIMEOUT).thenApply(r -> {
                    boolean never = !r.ok() && r.message().contains("code 40701");
                    return r.ok() || never
                            ? new Outcome(true, never ? "undeployed (the node did not run it)" : "undeployed",
                                    r.output(), new TaskDao.ServerUpdate(null, null, null, null, null, null, true))
                            : Outcome.failed(r.message(), r.output());
                });
            }
            case "patch_tars" -> {
                return patch(item, s, c, serverUrl, user);
            }
            default -> {
                return CompletableFuture.completedFuture(Outcome.failed("unknown command " + item.command(), ""));
            }
        }
    }

    /**
     * The node's {@code deploy} with this server's download route and the package's md5; then, unless the item says
     * the node is a backup ({@code bak_flag} 1), its {@code restart}, as tars' registry does.
     */
    private CompletionStage<Outcome> patch(TaskItem item, ServerConf s, NodeCalls c, String serverUrl, String user) {
        String ip = s.nodeName();
        long patchId = Long.parseLong(item.parameters().get("patch_id"));
        PatchPackage pkg = patches.patch(patchId);
        Map<String, Object> data = names(s);
        data.put("address", downloadAddress(serverUrl, patchId));
        data.put("md5", pkg.md5());
        boolean backup = "1".equals(item.parameters().get("bak_flag"));
        return c.call(ip, "deploy", data, DEPLOY_TIMEOUT).thenCompose(r -> {
            if (!r.ok()) {
                return CompletableFuture.completedFuture(Outcome.failed(r.message(), r.output()));
            }
            String patched = "patched to package " + patchId + " (node version " + r.data().get("version") + ")";
            if (backup) {
                // a backup node gets the package and keeps running what it runs (tars' bak_flag)
                return CompletableFuture.completedFuture(new Outcome(true, patched, r.output(),
                        new TaskDao.ServerUpdate(null, r.state(), Long.toString(patchId), clock.instant(), user, null,
                                false)));
            }
            // as tars' registry: a node that is not a backup is restarted after the patch
            return c.call(ip, "restart", names(s), CONTROL_TIMEOUT).thenApply(rs -> rs.ok()
                    ? new Outcome(true, patched + ", restarted: " + rs.state(), joined(r.output(), rs.output()),
                            new TaskDao.ServerUpdate("active", rs.state(), Long.toString(patchId), clock.instant(),
                                    user, firstPid(rs), false))
                    : new Outcome(false, patched + ", then the restart failed: " + rs.message(),
                            joined(r.output(), rs.output()), new TaskDao.ServerUpdate(null, null,
                                    Long.toString(patchId), clock.instant(), user, null, false)));
        });
    }

    private static String joined(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "\n" + b;
    }

    /** The package's download route on this server, as the nodes fetch it (with the fleet token). */
    static String downloadAddress(String serverUrl, long patchId) {
        return serverUrl.replaceAll("/+$", "") + "/api/download_package?id=" + patchId;
    }
}
