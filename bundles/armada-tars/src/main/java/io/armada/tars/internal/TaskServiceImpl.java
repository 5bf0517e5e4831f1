package io.armada.tars.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;
import io.armada.core.Threads;
import io.armada.persistence.JpaStore;
import io.armada.tars.ConfigFile;
import io.armada.tars.NewServer;
import io.armada.tars.NewTaskItem;
import io.armada.tars.PatchPackage;
import io.armada.tars.PortOffer;
import io.armada.tars.ServerConf;
import io.armada.tars.TarsConfigs;
import io.armada.tars.TarsNodes;
import io.armada.tars.TarsPage;
import io.armada.tars.TarsPatches;
import io.armada.tars.TarsService;
import io.armada.tars.TarsTasks;
import io.armada.tars.TargetResult;
import io.armada.tars.TaskItem;
import io.armada.tars.TaskStatus;
import io.armada.tars.TaskView;
import io.armada.tars.internal.jpa.JpaTaskDao;

/**
 * Tasks, commands and config pushes on the nodes (reference §002.8, SPEC §10.4). Every node call is an async request
 * ({@link NodeCalls}); what follows a node's answer (the item's end, the next serial item) runs on a small bounded
 * pool of this component (threads only while work is queued), so no thread waits while a node works and no request
 * thread waits at all for a task. A task left unfinished by a server that stopped is finished at the next start: its
 * unfinished items FAILED, saying so.
 */
@Component(service = TarsTasks.class)
public class TaskServiceImpl implements TarsTasks {
    private static final Logger LOG = LoggerFactory.getLogger(TaskServiceImpl.class);
    static final java.util.Set<String> COMMANDS = java.util.Set.of("restart", "stop", "undeploy_tars", "patch_tars");
    static final int MAX_ITEMS = 200;
    static final int MAX_TARGETS = 200;
    /** A deploy may download for the node's download limit (600 s) and run scripts. */
    static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(700);
    /** Two script runs (60 s each), the stop grace and a margin. */
    static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(160);
    static final String INTERRUPTED = "interrupted: the server stopped while the task ran; its node may have done"
            + " the command or not";
    private static final Pattern COMMAND_WORD = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:=,@/+-]{0,127}");
    private static final Pattern FILENAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private final TaskDao dao;
    private final TarsPatches patches;
    private final TarsConfigs configs;
    private final TarsService servers;
    private final TarsNodes nodes;
    private final Clock clock;
    private final ThreadPoolExecutor pool;
    private final Executor executor;
    private volatile NodeCalls calls;

    @Activate
    public TaskServiceImpl(@Reference(target = "(osgi.unit.name=armada-tars)") JpaTemplate jpa,
            @Reference TarsPatches patches, @Reference TarsConfigs configs, @Reference TarsService servers,
            @Reference TarsNodes nodes) {
        this(new JpaTaskDao(new JpaStore(jpa)), patches, configs, servers, nodes, Clock.systemUTC(), null);
        executor.execute(this::recover);
    }

    /** For tests: {@code executor} {@code null} is the component's own pool. */
    TaskServiceImpl(TaskDao dao, TarsPatches patches, TarsConfigs configs, TarsService servers, TarsNodes nodes,
            Clock clock, Executor executor) {
        this.dao = dao;
        this.patches = patches;
        this.configs = configs;
        this.servers = servers;
        this.nodes = nodes;
        this.clock = clock;
        this.pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000),
                Threads.daemon("armada-tars-tasks"));
        this.pool.allowCoreThreadTimeOut(true);
        this.executor = executor == null ? pool : executor;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setCalls(NodeCalls c) {
        this.calls = c;
    }

    void unsetCalls(NodeCalls c) {
        if (this.calls == c) {
            this.calls = null;
        }
    }

    @Deactivate
    void deactivate() {
        pool.shutdownNow();
    }

    /** Tasks a stopped server left unfinished. */
    void recover() {
        try {
            List<String> failed = dao.failUnfinished(INTERRUPTED, clock.instant());
            if (!failed.isEmpty()) {
                LOG.warn("{} tars task(s) left unfinished by the last stop failed: {}", failed.size(), failed);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not finish the tars tasks left unfinished: {}", e.toString());
        }
    }

    private NodeCalls calls() {
        NodeCalls c = calls;
        if (c == null) {
            throw ApiException.unavailable(NodeCalls.UNAVAILABLE);
        }
        return c;
    }

    static String newNo() {
        UUID u = UUID.randomUUID();
        return HexFormat.of().toHexDigits(u.getMostSignificantBits()) + HexFormat.of().toHexDigits(
                u.getLeastSignificantBits());
    }

    // ------------------------------------------------------------------ tasks

    @Override
    public String addTask(boolean serial, List<NewTaskItem> items, String serverUrl, String user) {
        if (items == null || items.isEmpty()) {
            throw ApiException.badRequest("items#common.notEmpty#: a task needs at least one item");
        }
        if (items.size() > MAX_ITEMS) {
            throw ApiException.badRequest("at most " + MAX_ITEMS + " items in a task");
        }
        NodeCalls c = calls();
        String taskNo = newNo();
        Instant at = clock.instant();
        List<TaskItem> rows = new ArrayList<>();
        for (NewTaskItem i : items) {
            rows.add(item(taskNo, i, serverUrl));
        }
        TaskView task = new TaskView(taskNo, serial, TaskStatus.NOT_START, at, user == null ? "" : user, rows);
        dao.insert(task);
        try {
            executor.execute(() -> run(task, c, serverUrl));
        } catch (RejectedExecutionException busy) {
            for (TaskItem i : rows) {
                dao.ended(i, TaskStatus.FAILED, "not started: the server is busy with other tasks", "",
                        TaskDao.ServerUpdate.NONE, clock.instant());
            }
            dao.finish(taskNo, clock.instant());
        }
        return taskNo;
    }

    private TaskItem item(String taskNo, NewTaskItem i, String serverUrl) {
        if (i.command() == null || !COMMANDS.contains(i.command())) {
            throw ApiException.badRequest("command must be one of restart, stop, undeploy_tars, patch_tars, not "
                    + i.command());
        }
        ServerConf s = dao.server(i.serverId())
                .orElseThrow(() -> ApiException.badRequest("server_id " + i.serverId() + " does not exist"));
        Map<String, String> params = new LinkedHashMap<>();
        if (i.command().equals("patch_tars")) {
            Map<String, String> p = i.parameters() == null ? Map.of() : i.parameters();
            String id = p.get("patch_id");
            long patchId;
            try {
                patchId = Long.parseLong(id == null ? "" : id.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("parameters.patch_id must be a package id");
            }
            PatchPackage pkg = patches.patch(patchId);
            if (!pkg.server().equals(s.application() + "." + s.serverName())) {
                throw ApiException.badRequest("patch package " + patchId + " is " + pkg.server() + "'s, not "
                        + s.application() + "." + s.serverName() + "'s");
            }
            if (serverUrl == null || serverUrl.isBlank()) {
                throw ApiException.badRequest("patch_tars needs this server's address for the nodes");
            }
            params.put("patch_id", Long.toString(patchId));
            params.put("update_text", TarsRules.optional(p.get("update_text"), "parameters.update_text", 1024));
            // without a bak_flag, the server row's says whether it is a backup (TarsWeb sends the row's)
            String bak = p.get("bak_flag");
            boolean backup = bak == null || bak.isBlank() ? s.bakFlag()
                    : !(bak.equals("0") || bak.equals("false"));
            params.put("bak_flag", backup ? "1" : "0");
        }
        return new TaskItem(taskNo, newNo(), s.id(), s.application(), s.serverName(), s.nodeName(), i.command(),
                params, null, null, TaskStatus.NOT_START, "", "", 0);
    }

    private void run(TaskView task, NodeCalls c, String serverUrl) {
        if (task.serial()) {
            runFrom(task, 0, c, serverUrl);
            return;
        }
        List<CompletableFuture<Boolean>> all = new ArrayList<>();
        for (TaskItem i : task.items()) {
            all.add(runItem(task, i, c, serverUrl));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .whenCompleteAsync((v, e) -> finish(task), executor);
    }

    private void runFrom(TaskView task, int index, NodeCalls c, String serverUrl) {
        if (index >= task.items().size()) {
            finish(task);
            return;
        }
        TaskItem item = task.items().get(index);
        runItem(task, item, c, serverUrl).whenCompleteAsync((ok, e) -> {
            if (Boolean.TRUE.equals(ok)) {
                runFrom(task, index + 1, c, serverUrl);
                return;
            }
            List<String> rest = task.items().subList(index + 1, task.items().size()).stream()
                    .map(TaskItem::itemNo).toList();
            try {
                dao.cancelled(rest, "not run: item " + item.itemNo() + " (" + item.command() + " on "
                        + item.nodeName() + ") failed before it", clock.instant());
            } catch (RuntimeException x) {
                LOG.warn("Task {}: could not cancel the items after a failure: {}", task.taskNo(), x.toString());
            }
            finish(task);
        }, executor);
    }

    private void finish(TaskView task) {
        try {
            int status = dao.finish(task.taskNo(), clock.instant());
            LOG.info("Tars task {} ended with status {}", task.taskNo(), status);
        } catch (RuntimeException e) {
            LOG.warn("Task {}: could not record its end: {}", task.taskNo(), e.toString());
        } finally {
            CompletableFuture<TaskView> w = waiting.remove(task.taskNo());
            if (w != null) {
                try {
                    w.complete(task(task.taskNo()));
                } catch (RuntimeException e) {
                    w.completeExceptionally(e);
                }
            }
        }
    }

    /** Who waits for a task's end, by task number (bounded by the tasks running here). */
    private final java.util.concurrent.ConcurrentMap<String, CompletableFuture<TaskView>> waiting =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public CompletionStage<TaskView> ended(String taskNo) {
        CompletableFuture<TaskView> w = waiting.computeIfAbsent(taskNo, k -> new CompletableFuture<>());
        TaskView now = task(taskNo);
        if (TaskStatus.done(now.status())) {
            waiting.remove(taskNo, w);
            w.complete(now);
        }
        return w;
    }

    /** What an item's node call came to. */
    record Outcome(boolean ok, String info, String execute, TaskDao.ServerUpdate update) {
        static Outcome failed(String why, String output) {
            return new Outcome(false, why, output == null ? "" : output, TaskDao.ServerUpdate.NONE);
        }
    }

    private CompletableFuture<Boolean> runItem(TaskView task, TaskItem item, NodeCalls c, String serverUrl) {
        return CompletableFuture.supplyAsync(() -> {
            dao.started(item.itemNo(), clock.instant());
            return dao.server(item.serverId());
        }, executor).thenCompose(server -> server.isEmpty()
                ? CompletableFuture.completedFuture(Outcome.failed("server " + item.serverId() + " no longer exists",
                        ""))
                : perform(item, server.get(), c, serverUrl, task.userName()).toCompletableFuture())
                .exceptionally(e -> Outcome.failed("failed: " + rootMessage(e), ""))
                .thenApplyAsync(o -> {
                    try {
                        dao.ended(item, o.ok() ? TaskStatus.SUCCESS : TaskStatus.FAILED, o.info(), o.execute(),
                                o.update(), clock.instant());
                    } catch (RuntimeException e) {
                        LOG.warn("Task {}: could not record the end of item {}: {}", task.taskNo(), item.itemNo(),
                                e.toString());
                        return false;
                    }
                    return o.ok();
                }, executor);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static Map<String, Object> names(ServerConf s) {
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

    private CompletionStage<Outcome> perform(TaskItem item, ServerConf s, NodeCalls c, String serverUrl,
            String user) {
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
                    String patched = "patched to package " + patchId + " (node version " + r.data().get("version")
                            + ")";
                    if (backup) {
                        // a backup node gets the package and keeps running what it runs (tars' bak_flag)
                        return CompletableFuture.completedFuture(new Outcome(true, patched, r.output(),
                                new TaskDao.ServerUpdate(null, r.state(), Long.toString(patchId), clock.instant(),
                                        user, null, false)));
                    }
                    // as tars' registry: a node that is not a backup is restarted after the patch
                    return c.call(ip, "restart", names(s), CONTROL_TIMEOUT).thenApply(rs -> rs.ok()
                            ? new Outcome(true, patched + ", restarted: " + rs.state(), joined(r.output(),
                                    rs.output()), new TaskDao.ServerUpdate("active", rs.state(),
                                            Long.toString(patchId), clock.instant(), user, firstPid(rs), false))
                            : new Outcome(false, patched + ", then the restart failed: " + rs.message(),
                                    joined(r.output(), rs.output()), new TaskDao.ServerUpdate(null, null,
                                            Long.toString(patchId), clock.instant(), user, null, false)));
                });
            }
            default -> {
                return CompletableFuture.completedFuture(Outcome.failed("unknown command " + item.command(), ""));
            }
        }
    }

    private static String joined(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "\n" + b;
    }

    /** The package's download route on this server, as the nodes fetch it (with the fleet token). */
    static String downloadAddress(String serverUrl, long patchId) {
        return serverUrl.replaceAll("/+$", "") + "/api/download_package?id=" + patchId;
    }

    @Override
    public TaskView task(String taskNo) {
        if (taskNo == null || !taskNo.matches("[0-9a-f]{32}")) {
            throw ApiException.badRequest("task_no must be 32 lower-case hex characters");
        }
        return dao.find(taskNo).orElseThrow(() -> ApiException.badRequest("task " + taskNo + " does not exist"));
    }

    @Override
    public TarsPage<TaskView> tasks(String application, String serverName, String command, Instant from, Instant to,
            int page, int size) {
        TarsRules.page(page, size);
        if (command != null && !COMMANDS.contains(command)) {
            throw ApiException.badRequest("command must be one of restart, stop, undeploy_tars, patch_tars");
        }
        return dao.list(blankToNull(application), blankToNull(serverName), command, from, to, page, size);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    // ------------------------------------------------------------------ commands

    static String command(String command) {
        if (command == null || command.isBlank()) {
            throw ApiException.badRequest("command#common.notEmpty#");
        }
        String[] words = command.trim().split("\\s+");
        if (words.length > 8) {
            throw ApiException.badRequest("command has more than 8 words");
        }
        for (String w : words) {
            if (!COMMAND_WORD.matcher(w).matches()) {
                throw ApiException.badRequest("command words are letters, digits and _ . : = , @ / + -, not " + w);
            }
        }
        return String.join(" ", words);
    }

    @Override
    public CompletionStage<List<TargetResult>> sendCommand(List<Long> serverIds, String command) {
        String cmd = command(command);
        if (serverIds == null || serverIds.isEmpty()) {
            throw ApiException.badRequest("server_ids#common.notEmpty#");
        }
        if (serverIds.size() > MAX_TARGETS) {
            throw ApiException.badRequest("at most " + MAX_TARGETS + " servers at once");
        }
        List<ServerConf> targets = new ArrayList<>();
        for (long id : serverIds) {
            targets.add(dao.server(id).orElseThrow(() -> ApiException.badRequest("server_id " + id
                    + " does not exist")));
        }
        NodeCalls c = calls();
        List<CompletableFuture<TargetResult>> all = new ArrayList<>();
        for (ServerConf s : targets) {
            Map<String, Object> data = names(s);
            data.put("command", cmd);
            all.add(c.call(s.nodeName(), "command", data, CONTROL_TIMEOUT).toCompletableFuture()
                    .thenApplyAsync(r -> noted(s, "send_command", cmd, r), executor));
        }
        return collect(all);
    }

    private TargetResult noted(ServerConf s, String what, String cmd, NodeCalls.Reply r) {
        String text = r.ok() ? r.output() : r.message() + (r.output().isEmpty() ? "" : "\n" + r.output());
        try {
            dao.note(s.id(), "", what, (r.ok() ? "success: " : "failed: ") + cmd + (text.isEmpty() ? "" : ": "
                    + text), clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("Could not write the notify row of {} on {}: {}", what, s.notifyId(), e.toString());
        }
        return new TargetResult(s.id(), s.application(), s.serverName(), s.nodeName(), r.ok() ? 0 : -1, text);
    }

    private static <T> CompletionStage<List<T>> collect(List<CompletableFuture<T>> all) {
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(v -> all.stream().map(CompletableFuture::join).toList());
    }

    /** A config push target: a server row and the text it gets. */
    private record Push(ServerConf server, String filename, String content) {
    }

    @Override
    public CompletionStage<List<TargetResult>> pushConfig(List<Long> configIds) {
        if (configIds == null || configIds.isEmpty()) {
            throw ApiException.badRequest("ids#common.notEmpty#");
        }
        List<Push> pushes = new ArrayList<>();
        for (long id : configIds) {
            ConfigFile f = configs.get(id);
            pushes.addAll(pushesOf(f));
        }
        if (pushes.size() > MAX_TARGETS) {
            throw ApiException.badRequest("at most " + MAX_TARGETS + " nodes at once");
        }
        NodeCalls c = calls();
        List<CompletableFuture<TargetResult>> all = new ArrayList<>();
        for (Push p : pushes) {
            all.add(push(c, p).toCompletableFuture());
        }
        return collect(all);
    }

    private List<Push> pushesOf(ConfigFile f) {
        if (f.level() == ConfigFile.APP) {
            throw ApiException.badRequest("config " + f.id() + " is an application file: push a server's or a"
                    + " node's file");
        }
        if (!FILENAME.matcher(f.filename()).matches()) {
            throw ApiException.badRequest("config " + f.id() + "'s filename cannot be written on a node");
        }
        int dot = f.serverName().indexOf('.');
        String app = f.serverName().substring(0, dot);
        String server = f.serverName().substring(dot + 1);
        List<Push> out = new ArrayList<>();
        if (f.level() == ConfigFile.NODE) {
            for (ServerConf s : dao.servers(app, server, f.nodeName())) {
                out.add(new Push(s, f.filename(), configs.merged(f.id())));
            }
            return out;
        }
        Map<String, ConfigFile> byNode = new LinkedHashMap<>();
        for (ConfigFile n : configs.nodeFiles(app, server, f.setName(), f.setArea(), f.setGroup(), f.id())) {
            byNode.put(n.nodeName(), n);
        }
        for (ServerConf s : dao.servers(app, server, null)) {
            if (!sameSet(s, f)) {
                continue;
            }
            ConfigFile n = byNode.get(s.nodeName());
            out.add(new Push(s, f.filename(), configs.merged(n == null ? f.id() : n.id())));
        }
        return out;
    }

    private static boolean sameSet(ServerConf s, ConfigFile f) {
        String set = f.setName() == null ? "" : f.setName();
        if (set.isEmpty()) {
            return true;
        }
        return s.enableSet() && set.equals(s.setName()) && (f.setArea() == null || f.setArea().isEmpty()
                || f.setArea().equals(s.setArea())) && (f.setGroup() == null || f.setGroup().isEmpty()
                || f.setGroup().equals(s.setGroup()));
    }

    private CompletionStage<TargetResult> push(NodeCalls c, Push p) {
        ServerConf s = p.server();
        Map<String, Object> write = names(s);
        write.put("filename", p.filename());
        write.put("content", p.content());
        String load = "tars.loadconfig " + p.filename();
        return c.call(s.nodeName(), "write_config", write, CONTROL_TIMEOUT).thenCompose(w -> {
            if (!w.ok()) {
                return CompletableFuture.completedFuture(w);
            }
            Map<String, Object> cmd = names(s);
            cmd.put("command", load);
            return c.call(s.nodeName(), "command", cmd, CONTROL_TIMEOUT);
        }).thenApplyAsync(r -> noted(s, "push_config_file", load, r), executor);
    }

    @Override
    public String realtimeState(long serverId) {
        ServerConf s = dao.server(serverId)
                .orElseThrow(() -> ApiException.badRequest("server " + serverId + " does not exist"));
        return calls().reported(s.nodeName(), s.application(), s.serverName())
                .map(m -> String.valueOf(m.get("state"))).orElse(TarsRules.INACTIVE);
    }

    @Override
    public CompletionStage<String> loadServer(String application, String serverName, String nodeName) {
        String app = TarsRules.name(application, "application");
        String server = TarsRules.name(serverName, "server_name");
        String node = TarsRules.node(nodeName, "node_name");
        ServerConf s = dao.servers(app, server, node).stream().findFirst()
                .orElseThrow(() -> ApiException.badRequest(app + "." + server + " is not deployed on " + node));
        List<Push> pushes = new ArrayList<>();
        for (ConfigFile f : configs.list(5, app, server, s.enableSet() ? s.setName() : null,
                s.enableSet() ? s.setArea() : null, s.enableSet() ? s.setGroup() : null)) {
            for (Push p : pushesOf(f)) {
                if (p.server().id() == s.id()) {
                    pushes.add(p);
                }
            }
        }
        NodeCalls c = calls();
        List<CompletableFuture<String>> all = new ArrayList<>();
        for (Push p : pushes) {
            Map<String, Object> write = names(s);
            write.put("filename", p.filename());
            write.put("content", p.content());
            all.add(c.call(node, "write_config", write, CONTROL_TIMEOUT).toCompletableFuture()
                    .thenApply(r -> p.filename() + (r.ok() ? "" : " (" + r.message() + ")")));
        }
        return collect(all).thenApplyAsync(done -> {
            String text = "loaded " + done.size() + " config file(s) on " + node
                    + (done.isEmpty() ? "" : ": " + String.join(", ", done));
            try {
                dao.note(s.id(), "", "load_server", text, clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("Could not write the notify row of load_server: {}", e.toString());
            }
            return text;
        }, executor);
    }

    @Override
    public Expanded expand(String application, String serverName, String sourceNode, List<ExpandTarget> targets,
            String serverUrl, String user) {
        String app = TarsRules.name(application, "application");
        String server = TarsRules.name(serverName, "server_name");
        String node = TarsRules.node(sourceNode, "node_name");
        ServerConf source = dao.servers(app, server, node).stream().findFirst()
                .orElseThrow(() -> ApiException.badRequest(app + "." + server + " is not deployed on " + node));
        if (targets == null || targets.isEmpty()) {
            throw ApiException.badRequest("expand_preview_servers#common.notEmpty#");
        }
        List<String> needPorts = new ArrayList<>();
        for (ExpandTarget t : targets) {
            TarsRules.node(t.nodeName(), "expand_preview_servers.node_name");
            if (t.port() == 0) {
                needPorts.add(t.nodeName());
            }
        }
        List<PortOffer> offered = needPorts.isEmpty() ? List.of() : nodes.autoPort(needPorts);
        int next = 0;
        List<NewServer.NewServant> adapters = new ArrayList<>();
        for (ExpandTarget t : targets) {
            int port = t.port();
            if (port == 0) {
                port = offered.get(next++).port();
            }
            adapters.add(new NewServer.NewServant(t.nodeName(), t.objName(), t.bindIp() == null
                    || t.bindIp().isBlank() ? t.nodeName() : t.bindIp(), port, null, null, null, null, null, null,
                    0));
        }
        List<ServerConf> made = servers.deploy(new NewServer(app, server, null, source.serverType(),
                source.templateName(), source.enableSet(), source.setName(), source.setArea(), source.setGroup(),
                user, adapters));
        String taskNo = "";
        Optional<PatchPackage> pkg = patches.defaultPackage(app, server);
        if (pkg.isPresent() && calls != null && serverUrl != null) {
            List<NewTaskItem> items = made.stream().map(s -> new NewTaskItem(s.id(), "patch_tars",
                    Map.of("patch_id", Long.toString(pkg.get().id())))).toList();
            taskNo = addTask(false, items, serverUrl, user);
        }
        return new Expanded(made, taskNo);
    }
}
