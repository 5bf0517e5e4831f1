package io.armada.tars.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.armada.core.ApiException;
import io.armada.tars.NewServer;
import io.armada.tars.NewTaskItem;
import io.armada.tars.PatchPackage;
import io.armada.tars.PortOffer;
import io.armada.tars.ServerConf;
import io.armada.tars.TarsNodes;
import io.armada.tars.TarsPatches;
import io.armada.tars.TarsService;
import io.armada.tars.TarsTasks.ExpandTarget;
import io.armada.tars.TarsTasks.Expanded;

/**
 * {@code expand_server} (reference §002.8): rows deployed for more nodes with the source row's type, template and set
 * (ports 0 from {@code auto_port}), then, when the server has a default package and the nodes can be called, a
 * parallel {@code patch_tars} task over the new rows.
 */
final class ServerExpansion {
    private final TaskDao dao;
    private final TarsService servers;
    private final TarsNodes nodes;
    private final TarsPatches patches;
    private final TaskRunner runner;
    private final BooleanSupplier nodesCallable;

    ServerExpansion(TaskDao dao, TarsService servers, TarsNodes nodes, TarsPatches patches, TaskRunner runner,
            BooleanSupplier nodesCallable) {
        this.dao = dao;
        this.servers = servers;
        this.nodes = nodes;
        this.patches = patches;
        this.runner = runner;
        this.nodesCallable = nodesCallable;
    }

    Expanded expand(String application, String serverName, String sourceNode, List<ExpandTarget> targets,
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
        if (pkg.isPresent() && nodesCallable.getAsBoolean() && serverUrl != null) {
            List<NewTaskItem> items = made.stream().map(s -> new NewTaskItem(s.id(), "patch_tars",
                    Map.of("patch_id", Long.toString(pkg.get().id())))).toList();
            taskNo = runner.addTask(false, items, serverUrl, user);
        }
        return new Expanded(made, taskNo);
    }
}
