package io.armada.tars.internal;

import static io.armada.tars.internal.ItemCommands.CONTROL_TIMEOUT;
import static io.armada.tars.internal.ItemCommands.names;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;
import io.armada.tars.ConfigFile;
import io.armada.tars.ServerConf;
import io.armada.tars.TarsConfigs;
import io.armada.tars.TargetResult;

/**
 * What acts on the nodes outside tasks (reference §002.8, SPEC §10.4): {@code send_command} (the package's
 * {@code bin/command.sh}), {@code push_config_file} (the merged config written with {@code write_config}, then
 * {@code tars.loadconfig <file>}) and {@code load_server} (the server's config files written on its node). Each
 * answers a stage that ends when the nodes' calls did; a notify row per target.
 */
final class NodeCommands {
    private static final Logger LOG = LoggerFactory.getLogger(NodeCommands.class);
    static final int MAX_TARGETS = 200;
    private static final Pattern COMMAND_WORD = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:=,@/+-]{0,127}");
    private static final Pattern FILENAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private final TaskDao dao;
    private final TarsConfigs configs;
    private final Clock clock;
    private final Executor executor;
    private final Supplier<NodeCalls> calls;

    NodeCommands(TaskDao dao, TarsConfigs configs, Clock clock, Executor executor, Supplier<NodeCalls> calls) {
        this.dao = dao;
        this.configs = configs;
        this.clock = clock;
        this.executor = executor;
        this.calls = calls;
    }

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

    CompletionStage<List<TargetResult>> sendCommand(List<Long> serverIds, String command) {
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
        NodeCalls c = calls.get();
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

    CompletionStage<List<TargetResult>> pushConfig(List<Long> configIds) {
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
        NodeCalls c = calls.get();
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

    CompletionStage<String> loadServer(String application, String serverName, String nodeName) {
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
        NodeCalls c = calls.get();
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
}
