package io.armada.tars.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;
import io.armada.tars.NodeResult;
import io.armada.tars.PortOffer;
import io.armada.tars.TarsNodes;
import io.armada.tars.internal.jpa.JpaNodeDao;

/**
 * Tars nodes and {@code auto_port}. A node is installed when an Armada node reports from its IP (agents area): it
 * then gets an agents entity in endpoint {@code tars}, which owns the ports {@code auto_port} reserves there (ports
 * area), so a port handed out once is not handed out again, by this server or another on the same database.
 */
@Component(service = TarsNodes.class)
public class TarsNodesImpl implements TarsNodes {
    private static final Logger LOG = LoggerFactory.getLogger(TarsNodesImpl.class);
    static final int MAX_IPS = 1000;
    private static final int ATTEMPTS = 5;

    private final NodeDao dao;
    private final Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile NodeDirectory directory;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PortPool ports;

    @Activate
    public TarsNodesImpl(@Reference(target = "(osgi.unit.name=armada-tars)") JpaTemplate jpa) {
        this(new JpaNodeDao(new JpaStore(jpa)), Clock.systemUTC());
    }

    TarsNodesImpl(NodeDao dao, Clock clock) {
        this.dao = dao;
        this.clock = clock;
    }

    private static List<String> ips(List<String> given, String field) {
        if (given == null || given.isEmpty()) {
            throw ApiException.badRequest(field + " is required");
        }
        if (given.size() > MAX_IPS) {
            throw ApiException.badRequest("at most " + MAX_IPS + " " + field);
        }
        List<String> out = new ArrayList<>();
        for (String ip : given) {
            out.add(TarsRules.node(ip, field));
        }
        return out;
    }

    @Override
    public List<NodeResult> install(List<String> given) {
        List<String> ips = ips(given, "ips");
        NodeDirectory d = directory;
        List<NodeResult> out = new ArrayList<>();
        for (String ip : ips) {
            out.add(install(ip, d));
        }
        return out;
    }

    private NodeResult install(String ip, NodeDirectory d) {
        if (dao.find(ip).isPresent()) {
            return new NodeResult(ip, true, "already a tars node");
        }
        if (d == null) {
            return new NodeResult(ip, false, NodeDirectory.UNAVAILABLE);
        }
        Optional<NodeDirectory.Node> node = d.node(ip);
        if (node.isEmpty()) {
            return new NodeResult(ip, false, "no Armada node reports from " + ip);
        }
        if (!node.get().online()) {
            return new NodeResult(ip, false, "the Armada node at " + ip + " is offline");
        }
        long entity;
        try {
            entity = d.createEntity(node.get().agentId());
        } catch (ApiException e) {
            // e.g. goperation's rule that entities go on active agents only
            return new NodeResult(ip, false, "agent " + node.get().agentId() + " of " + ip + ": " + e.getMessage());
        }
        try {
            dao.insert(new NodeDao.InstalledNode(ip, node.get().agentId(), entity), clock.instant());
        } catch (DuplicateKeyException raced) {
            d.deleteEntity(entity);
            return new NodeResult(ip, true, "already a tars node");
        }
        LOG.info("Tars node {} installed (agent {})", ip, node.get().agentId());
        return new NodeResult(ip, true, "installed: agent " + node.get().agentId());
    }

    @Override
    public List<NodeResult> uninstall(List<String> given) {
        List<String> ips = ips(given, "ips");
        List<NodeResult> out = new ArrayList<>();
        for (String ip : ips) {
            Optional<NodeDao.InstalledNode> node = dao.find(ip);
            if (node.isEmpty()) {
                out.add(new NodeResult(ip, false, ip + " is not a tars node"));
                continue;
            }
            long servers = dao.remove(ip);
            if (servers > 0) {
                out.add(new NodeResult(ip, false, servers + " server(s) are deployed on " + ip));
                continue;
            }
            NodeDirectory d = directory;
            if (d != null) {
                try {
                    d.deleteEntity(node.get().entity()); // its reserved ports go with it
                } catch (ApiException e) {
                    LOG.warn("Tars node {} uninstalled, but its agents entity {} stays: {}", ip, node.get().entity(),
                            e.getMessage());
                }
            }
            LOG.info("Tars node {} uninstalled", ip);
            out.add(new NodeResult(ip, true, "uninstalled"));
        }
        return out;
    }

    @Override
    public List<PortOffer> autoPort(List<String> nodeNames) {
        List<String> names = ips(nodeNames, "node_name");
        PortPool pool = ports;
        if (pool == null) {
            throw ApiException.unavailable(PortPool.UNAVAILABLE);
        }
        Map<String, Integer> wanted = new LinkedHashMap<>();
        Map<String, NodeDao.InstalledNode> nodes = new LinkedHashMap<>();
        for (String ip : names) {
            NodeDao.InstalledNode node = dao.find(ip).orElseThrow(() -> ApiException.badRequest("node " + ip
                    + " is not a tars node: install_tars_node first"));
            nodes.put(ip, node);
            wanted.merge(ip, 1, Integer::sum);
        }
        Map<String, List<Integer>> handed = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : wanted.entrySet()) {
            handed.put(e.getKey(), reserve(pool, nodes.get(e.getKey()), e.getValue()));
        }
        List<PortOffer> out = new ArrayList<>();
        Map<String, Integer> next = new LinkedHashMap<>();
        for (String ip : names) {
            int i = next.merge(ip, 1, Integer::sum) - 1;
            out.add(new PortOffer(ip, handed.get(ip).get(i)));
        }
        return out;
    }

    /** Free ports of the node that no adapter there listens on, reserved; tried again when one was taken meanwhile. */
    private List<Integer> reserve(PortPool pool, NodeDao.InstalledNode node, int count) {
        Set<Integer> adapters = new HashSet<>(dao.adapterPorts(node.ip()));
        for (int attempt = 1;; attempt++) {
            List<Integer> candidates = pool.findFree(node.agentId(), Math.min(count + adapters.size(), 1000));
            List<Integer> chosen = candidates.stream().filter(p -> !adapters.contains(p)).limit(count).toList();
            if (chosen.size() < count) {
                throw ApiException.badRequest("node " + node.ip() + " has no " + count + " free port(s) left");
            }
            try {
                pool.reserve(node.agentId(), node.entity(), chosen);
                return chosen;
            } catch (ApiException taken) {
                if (attempt >= ATTEMPTS) {
                    throw taken;
                }
                LOG.debug("Ports {} of {} were taken meanwhile, choosing again", chosen, node.ip());
            }
        }
    }

    @Override
    public List<String> installed() {
        return dao.ips();
    }
}
