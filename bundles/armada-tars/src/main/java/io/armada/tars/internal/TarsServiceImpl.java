package io.armada.tars.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;
import io.armada.tars.AdapterConf;
import io.armada.tars.AdapterInput;
import io.armada.tars.ExpandPreview;
import io.armada.tars.NewServer;
import io.armada.tars.NotifyRecord;
import io.armada.tars.ServerChange;
import io.armada.tars.ServerConf;
import io.armada.tars.TarsPage;
import io.armada.tars.TarsService;
import io.armada.tars.TreeNode;
import io.armada.tars.internal.jpa.JpaTarsDao;

/**
 * Servers, adapters, the tree and the notify log with TarsWeb's rules (reference §002.4): checks first, then one DAO
 * call per change, which writes the change and its notify row in one transaction.
 */
@Component(service = TarsService.class)
public class TarsServiceImpl implements TarsService {
    private static final Logger LOG = LoggerFactory.getLogger(TarsServiceImpl.class);

    private final TarsDao dao;
    private final Clock clock;

    @Activate
    public TarsServiceImpl(@Reference(target = "(osgi.unit.name=armada-tars)") JpaTemplate jpa) {
        this(new JpaTarsDao(new JpaStore(jpa)), Clock.systemUTC());
    }

    TarsServiceImpl(TarsDao dao, Clock clock) {
        this.dao = dao;
        this.clock = clock;
    }

    private Instant now() {
        return clock.instant();
    }

    // ------------------------------------------------------------------ servers

    @Override
    public List<TreeNode> tree(String searchKey) {
        String key = TarsRules.optional(searchKey, "searchKey", 128);
        return Trees.build(dao.positions(key.isEmpty() ? null : key));
    }

    @Override
    public List<ServerConf> deploy(NewServer s) {
        String app = TarsRules.name(s.application(), "application");
        String server = TarsRules.name(s.serverName(), "server_name");
        String type = TarsRules.serverType(s.serverType());
        String template = TarsRules.optional(s.templateName(), "template_name", 128);
        String setName = null;
        String setArea = null;
        String setGroup = null;
        if (s.enableSet()) {
            setName = TarsRules.setName(s.setName());
            setArea = TarsRules.setArea(s.setArea());
            setGroup = TarsRules.setGroup(s.setGroup());
        }
        String defaultNode = s.nodeName() == null || s.nodeName().isBlank() ? null
                : TarsRules.node(s.nodeName(), "node_name");
        if (s.adapters() == null || s.adapters().isEmpty()) {
            throw ApiException.badRequest("adapters is required: a server is deployed on the nodes its adapters name");
        }
        if (s.adapters().size() > TarsRules.MAX_ADAPTERS) {
            throw ApiException.badRequest("at most " + TarsRules.MAX_ADAPTERS + " adapters");
        }
        Instant at = now();
        Set<String> nodes = new LinkedHashSet<>();
        Set<String> names = new HashSet<>();
        List<AdapterConf> adapters = new ArrayList<>();
        for (NewServer.NewServant a : s.adapters()) {
            String node = a.nodeName() == null || a.nodeName().isBlank() ? defaultNode
                    : TarsRules.node(a.nodeName(), "adapters.node_name");
            if (node == null) {
                throw ApiException.badRequest("node_name is required (on the server or on each adapter)");
            }
            String obj = TarsRules.objName(a.objName());
            String bindIp = TarsRules.node(a.bindIp(), "adapters.bind_ip");
            int port = TarsRules.port(a.port(), "adapters.port");
            if (a.auth() != 0 && a.auth() != 1) {
                throw ApiException.badRequest("adapters.auth must be 0 or 1");
            }
            String servant = app + "." + server + "." + obj;
            if (!names.add(node + " " + servant)) {
                throw ApiException.badRequest("obj_name " + obj + " is given twice for node " + node);
            }
            nodes.add(node);
            adapters.add(new AdapterConf(0, app, server, node, servant + "Adapter",
                    TarsRules.atLeast(a.threadNum(), 1, TarsRules.DEFAULT_THREADS, "adapters.thread_num"),
                    TarsRules.endpoint(TarsRules.portType(a.portType()), bindIp, port, a.auth()),
                    TarsRules.atLeast(a.maxConnections(), 1, TarsRules.DEFAULT_MAX_CONNECTIONS,
                            "adapters.max_connections"), "", servant,
                    TarsRules.optionalAtLeast(a.queuecap(), 0, "adapters.queuecap"),
                    TarsRules.optionalAtLeast(a.queuetimeout(), 0, "adapters.queuetimeout"), at,
                    TarsRules.protocol(a.protocol()), ""));
        }
        List<ServerConf> rows = new ArrayList<>();
        for (String node : nodes) {
            rows.add(new ServerConf(0, app, server, node, type, s.enableSet(), setName, setArea, setGroup,
                    TarsRules.INACTIVE, TarsRules.INACTIVE, false, template, "", TarsRules.DEFAULT_ASYNC_THREADS, "",
                    "", "", "", "", null, "", "", 0, at));
        }
        try {
            List<ServerConf> created = dao.deploy(rows, adapters, "deploy_server", at);
            LOG.info("Tars server {}.{} deployed on {}", app, server, nodes);
            return created;
        } catch (DuplicateKeyException e) {
            throw ApiException.badRequest("server " + app + "." + server + " is already deployed on one of " + nodes);
        } catch (TarsDao.NodeNotInstalled e) {
            throw ApiException.badRequest("node " + e.ip() + " is not a tars node: install_tars_node first (an Armada"
                    + " node must report from it)");
        }
    }

    @Override
    public ServerConf update(ServerChange c) {
        ServerConf old = server(c.id());
        boolean enableSet = c.enableSet() == null ? old.enableSet() : c.enableSet();
        String setName = null;
        String setArea = null;
        String setGroup = null;
        if (enableSet) {
            setName = TarsRules.setName(c.setName() != null ? c.setName() : old.setName());
            setArea = TarsRules.setArea(c.setArea() != null ? c.setArea() : old.setArea());
            setGroup = TarsRules.setGroup(c.setGroup() != null ? c.setGroup() : old.setGroup());
        }
        String type = c.serverType() == null ? old.serverType() : TarsRules.serverType(c.serverType());
        boolean bak = c.bak() == null ? old.bakFlag() : c.bak();
        String template = pick(c.templateName(), old.templateName(), "template_name", 128);
        int asyncThreads = c.asyncThreadNum() == null ? old.asyncThreadNum()
                : TarsRules.atLeast(c.asyncThreadNum(), 1, 1, "async_thread_num");
        String basePath = pick(c.basePath(), old.basePath(), "base_path", 256);
        String exePath = pick(c.exePath(), old.exePath(), "exe_path", 256);
        String start = pick(c.startScriptPath(), old.startScriptPath(), "start_script_path", 256);
        String stop = pick(c.stopScriptPath(), old.stopScriptPath(), "stop_script_path", 256);
        String monitor = pick(c.monitorScriptPath(), old.monitorScriptPath(), "monitor_script_path", 256);
        String profile = pick(c.profile(), old.profile(), "profile", 32000);
        Instant at = now();
        String[] set = {setName, setArea, setGroup};
        return dao.changeServer(c.id(), x -> new ServerConf(x.id(), x.application(), x.serverName(), x.nodeName(),
                type, enableSet, set[0], set[1], set[2], x.settingState(), x.presentState(), bak, template, profile,
                asyncThreads, basePath, exePath, start, stop, monitor, x.patchTime(), x.patchVersion(), x.patchUser(),
                x.processId(), at), "update_server", at).orElseThrow(() -> unknownServer(c.id()));
    }

    private static String pick(String given, String old, String field, int max) {
        return given == null ? old : TarsRules.optional(given, field, max);
    }

    static ApiException unknownServer(long id) {
        return ApiException.notFound("no server with id " + id);
    }

    @Override
    public ServerConf server(long id) {
        return dao.server(id).orElseThrow(() -> unknownServer(id));
    }

    @Override
    public TarsPage<ServerConf> servers(String treeNodeId, int page, int size) {
        TreeSelector sel = TreeSelector.parse(treeNodeId);
        TarsRules.page(page, size);
        return dao.servers(sel, page, size);
    }

    @Override
    public List<ServerConf> inactive(String application, String serverName, String nodeName, int page, int size) {
        TarsRules.page(page, size);
        return dao.inactive(blankToNull(application, "application"), blankToNull(serverName, "server_name"),
                blankToNull(nodeName, "node_name"), page, size);
    }

    private static String blankToNull(String value, String field) {
        String v = TarsRules.optional(value, field, 128);
        return v.isEmpty() ? null : v;
    }

    @Override
    public TarsPage<NotifyRecord> notifies(String treeNodeId, int page, int size) {
        TreeSelector sel = TreeSelector.parse(treeNodeId);
        TarsRules.page(page, size);
        return dao.notifies(sel, page, size);
    }

    @Override
    public List<ExpandPreview> expandPreview(String application, String serverName, String sourceNode,
            List<String> expandNodes, boolean enableSet, String setName, String setArea, String setGroup) {
        String app = TarsRules.name(application, "application");
        String server = TarsRules.name(serverName, "server_name");
        String source = TarsRules.node(sourceNode, "node_name");
        if (expandNodes == null || expandNodes.isEmpty()) {
            throw ApiException.badRequest("expand_nodes is required");
        }
        if (expandNodes.size() > TarsRules.MAX_ADAPTERS) {
            throw ApiException.badRequest("at most " + TarsRules.MAX_ADAPTERS + " expand_nodes");
        }
        List<String> targets = new ArrayList<>();
        for (String n : expandNodes) {
            targets.add(TarsRules.node(n, "expand_nodes"));
        }
        String set = enableSet ? TarsRules.setName(setName) + "." + TarsRules.setArea(setArea) + "."
                + TarsRules.setGroup(setGroup) : "";
        ServerConf from = dao.servers(new TreeSelector(app, server, null, null, null, null), 0, 0).rows().stream()
                .filter(s -> s.nodeName().equals(source)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("server " + app + "." + server + " is not deployed on node "
                        + source));
        Set<String> deployed = new HashSet<>(dao.nodes(app, server, null));
        List<ExpandPreview> out = new ArrayList<>();
        for (String node : targets) {
            for (AdapterConf a : dao.adapters(app, server, source)) {
                String obj = a.servant().substring(a.servant().lastIndexOf('.') + 1);
                out.add(new ExpandPreview(app, server, set, obj, node, node, 0, from.templateName(),
                        deployed.contains(node) ? "#api.expand.node.status.existent#"
                                : "#api.expand.node.status.nonexistent#", 0));
            }
        }
        return out;
    }

    @Override
    public List<String> serverTypes() {
        return TarsRules.SERVER_TYPES;
    }

    @Override
    public List<String> cascade(int level, String application, String serverName, String set) {
        return switch (level) {
            case 1 -> dao.applications();
            case 2 -> dao.serverNames(TarsRules.name(application, "application"));
            case 3 -> dao.sets(TarsRules.name(application, "application"), TarsRules.name(serverName, "server_name"));
            case 4 -> dao.nodes(TarsRules.name(application, "application"), TarsRules.name(serverName, "server_name"),
                    set == null || set.isBlank() ? null : TarsRules.optional(set, "set", 50));
            case 5 -> dao.servants(TarsRules.name(application, "application"),
                    TarsRules.name(serverName, "server_name"));
            default -> throw ApiException.badRequest("level must be 1 (applications), 2 (servers), 3 (sets), "
                    + "4 (nodes) or 5 (servants)");
        };
    }

    // ------------------------------------------------------------------ adapters

    @Override
    public AdapterConf addAdapter(AdapterInput a) {
        String app = TarsRules.name(a.application(), "application");
        String server = TarsRules.name(a.serverName(), "server_name");
        String node = TarsRules.node(a.nodeName(), "node_name");
        String servant = TarsRules.servant(a.servant(), app, server);
        Instant at = now();
        AdapterConf row = new AdapterConf(0, app, server, node, servant + "Adapter",
                TarsRules.atLeast(a.threadNum(), 1, TarsRules.DEFAULT_THREADS, "thread_num"),
                TarsRules.endpoint(a.endpoint()),
                TarsRules.atLeast(a.maxConnections(), 1, TarsRules.DEFAULT_MAX_CONNECTIONS, "max_connections"),
                TarsRules.optional(a.allowIp(), "allow_ip", 1024), servant,
                TarsRules.optionalAtLeast(a.queuecap(), 0, "queuecap"),
                TarsRules.optionalAtLeast(a.queuetimeout(), 0, "queuetimeout"), at, TarsRules.protocol(a.protocol()),
                TarsRules.optional(a.handlegroup(), "handlegroup", 128));
        try {
            return dao.addAdapter(row, at).orElseThrow(() -> ApiException.badRequest("server " + app + "." + server
                    + " is not deployed on node " + node));
        } catch (DuplicateKeyException e) {
            throw ApiException.badRequest("adapter " + row.adapterName() + " exists on node " + node);
        }
    }

    @Override
    public long deleteAdapter(long id) {
        dao.deleteAdapter(id, now()).orElseThrow(() -> unknownAdapter(id));
        return id;
    }

    static ApiException unknownAdapter(long id) {
        return ApiException.notFound("no adapter with id " + id);
    }

    @Override
    public AdapterConf updateAdapter(long id, AdapterInput c) {
        AdapterConf old = adapter(id);
        String servant = c.servant() == null ? old.servant()
                : TarsRules.servant(c.servant(), old.application(), old.serverName());
        int threads = c.threadNum() == null ? old.threadNum() : TarsRules.atLeast(c.threadNum(), 1, 1, "thread_num");
        String endpoint = c.endpoint() == null ? old.endpoint() : TarsRules.endpoint(c.endpoint());
        int maxConnections = c.maxConnections() == null ? old.maxConnections()
                : TarsRules.atLeast(c.maxConnections(), 1, 1, "max_connections");
        String allowIp = c.allowIp() == null ? old.allowIp() : TarsRules.optional(c.allowIp(), "allow_ip", 1024);
        Integer queuecap = c.queuecap() == null ? old.queuecap() : TarsRules.optionalAtLeast(c.queuecap(), 0, "queuecap");
        Integer queuetimeout = c.queuetimeout() == null ? old.queuetimeout()
                : TarsRules.optionalAtLeast(c.queuetimeout(), 0, "queuetimeout");
        String protocol = c.protocol() == null ? old.protocol() : TarsRules.protocol(c.protocol());
        String handlegroup = c.handlegroup() == null ? old.handlegroup()
                : TarsRules.optional(c.handlegroup(), "handlegroup", 128);
        Instant at = now();
        try {
            return dao.changeAdapter(id, x -> new AdapterConf(x.id(), x.application(), x.serverName(), x.nodeName(),
                    servant + "Adapter", threads, endpoint, maxConnections, allowIp, servant, queuecap, queuetimeout,
                    at, protocol, handlegroup), at).orElseThrow(() -> unknownAdapter(id));
        } catch (DuplicateKeyException e) {
            throw ApiException.badRequest("adapter " + servant + "Adapter exists on node " + old.nodeName());
        }
    }

    @Override
    public AdapterConf adapter(long id) {
        return dao.adapter(id).orElseThrow(() -> unknownAdapter(id));
    }

    @Override
    public List<AdapterConf> adapters(long serverId) {
        return dao.adaptersOf(serverId).orElseThrow(() -> unknownServer(serverId)); // one transaction, not two
    }
}
