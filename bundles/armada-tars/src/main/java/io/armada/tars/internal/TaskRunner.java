package io.armada.tars.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;
import io.armada.tars.NewTaskItem;
import io.armada.tars.PatchPackage;
import io.armada.tars.ServerConf;
import io.armada.tars.TarsPatches;
import io.armada.tars.TaskItem;
import io.armada.tars.TaskStatus;
import io.armada.tars.TaskView;

/**
 * Tasks (reference §002.8): an {@code add_task} checked and stored, then run without a request thread: serial items
 * one by one until the first failure (the rest cancelled), parallel ones all at once; each item one node call
 * ({@link ItemCommands}), what follows its answer on the executor. Whoever waits for a task's end ({@link #ended})
 * is told when it ends. A task a stopped server left unfinished is finished by {@link #failUnfinished}.
 */
final class TaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
    static final java.util.Set<String> COMMANDS = java.util.Set.of("restart", "stop", "undeploy_tars", "patch_tars");
    static final int MAX_ITEMS = 200;
    static final String INTERRUPTED = "interrupted: the server stopped while the task ran; its node may have done"
            + " the command or not";
    static final String INTERRUPTED_GONE = "interrupted: the server that ran the task stopped (no lease beat for 30 s);"
            + " its node may have done the command or not";

    private final TaskDao dao;
    private final TarsPatches patches;
    private final ItemCommands commands;
    private final Clock clock;
    private final Executor executor;
    private final Supplier<NodeCalls> calls;
    /** Who waits for a task's end, by task number (bounded by the tasks running here). */
    private final ConcurrentMap<String, CompletableFuture<TaskView>> waiting = new ConcurrentHashMap<>();

    /**
     * @param calls the node calls, or ApiException unavailable without them
     */
    TaskRunner(TaskDao dao, TarsPatches patches, ItemCommands commands, Clock clock, Executor executor,
            Supplier<NodeCalls> calls) {
        this.dao = dao;
        this.patches = patches;
        this.commands = commands;
        this.clock = clock;
        this.executor = executor;
        this.calls = calls;
    }

    /** Tasks a stopped server left unfinished: those of the owners {@code ownerGone} names fail with {@code why}. */
    void failUnfinished(String why, java.util.function.Predicate<String> ownerGone) {
        try {
            List<String> failed = dao.failUnfinished(why, clock.instant(), ownerGone);
            if (!failed.isEmpty()) {
                LOG.warn("{} tars task(s) left unfinished by the last stop failed: {}", failed.size(), failed);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not finish the tars tasks left unfinished: {}", e.toString());
        }
    }

    String addTask(boolean serial, List<NewTaskItem> items, String serverUrl, String user) {
        if (items == null || items.isEmpty()) {
            throw ApiException.badRequest("items#common.notEmpty#: a task needs at least one item");
        }
        if (items.size() > MAX_ITEMS) {
            throw ApiException.badRequest("at most " + MAX_ITEMS + " items in a task");
        }
        NodeCalls c = calls.get();
        String taskNo = TaskServiceImpl.newNo();
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
        return new TaskItem(taskNo, TaskServiceImpl.newNo(), s.id(), s.application(), s.serverName(), s.nodeName(),
                i.command(), params, null, null, TaskStatus.NOT_START, "", "", 0);
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

    CompletionStage<TaskView> ended(String taskNo) {
        CompletableFuture<TaskView> w = waiting.computeIfAbsent(taskNo, k -> new CompletableFuture<>());
        TaskView now = task(taskNo);
        if (TaskStatus.done(now.status())) {
            waiting.remove(taskNo, w);
            w.complete(now);
        }
        return w;
    }

    TaskView task(String taskNo) {
        if (taskNo == null || !taskNo.matches("[0-9a-f]{32}")) {
            throw ApiException.badRequest("task_no must be 32 lower-case hex characters");
        }
        return dao.find(taskNo).orElseThrow(() -> ApiException.badRequest("task " + taskNo + " does not exist"));
    }

    private CompletableFuture<Boolean> runItem(TaskView task, TaskItem item, NodeCalls c, String serverUrl) {
        return CompletableFuture.supplyAsync(() -> {
            dao.started(item.itemNo(), clock.instant());
            return dao.server(item.serverId());
        }, executor).thenCompose(server -> server.isEmpty()
                ? CompletableFuture.completedFuture(ItemCommands.Outcome.failed("server " + item.serverId()
                        + " no longer exists", ""))
                : commands.perform(item, server.get(), c, serverUrl, task.userName()).toCompletableFuture())
                .exceptionally(e -> ItemCommands.Outcome.failed("failed: " + rootMessage(e), ""))
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
}
