package io.armada.tars.internal;

import static io.armada.tars.internal.TarsRulesTest.bad;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import io.armada.core.ApiException;
import io.armada.core.ErrorKind;
import io.armada.core.testing.ApiErrors;
import io.armada.persistence.JpaStore;
import io.armada.persistence.testing.DerbyJpa;
import io.armada.tars.NewServer;
import io.armada.tars.NodeResult;
import io.armada.tars.PortOffer;
import io.armada.tars.internal.jpa.JpaNodeDao;
import io.armada.tars.internal.jpa.JpaTarsDao;

/** Installing nodes by IP and auto_port's reserved ports, with the agents and ports areas faked. */
public class TarsNodesImplTest {
    private static DerbyJpa jpa;
    private static JpaStore store;
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private TarsNodesImpl nodes;
    private TarsServiceImpl servers;
    private final Map<String, NodeDirectory.Node> reporting = new HashMap<>();
    private final List<Long> entities = new ArrayList<>();
    /** agent → ports taken (by anyone). */
    private final Map<Long, Set<Integer>> taken = new HashMap<>();
    /** Ports another caller takes between findFree and reserve, once. */
    private final Set<Integer> stolen = new HashSet<>();

    @BeforeClass
    public static void open() throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("target"), "tars-nodes");
        jpa = DerbyJpa.open("armada-tars", dir);
        store = new JpaStore(jpa);
    }

    @AfterClass
    public static void close() {
        jpa.close();
    }

    @Before
    public void setUp() {
        store.run(em -> {
            for (String e : List.of("AdapterEntity", "NotifyEntity", "ServerEntity", "NodeEntity")) {
                em.createQuery("delete from " + e).executeUpdate();
            }
        });
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        nodes = new TarsNodesImpl(new JpaNodeDao(store), clock);
        servers = new TarsServiceImpl(new JpaTarsDao(store), clock);
        nodes.directory = new NodeDirectory() {
            @Override
            public Optional<Node> node(String ip) {
                return Optional.ofNullable(reporting.get(ip));
            }

            @Override
            public long createEntity(long agentId) {
                long n = entities.size() + 1L;
                entities.add(n);
                return n;
            }

            @Override
            public void deleteEntity(long entity) {
                entities.remove(Long.valueOf(entity));
            }
        };
        nodes.ports = new PortPool() {
            @Override
            public List<Integer> findFree(long agentId, int count) {
                Set<Integer> t = taken.computeIfAbsent(agentId, x -> new HashSet<>());
                List<Integer> out = new ArrayList<>();
                for (int p = 20000; out.size() < count; p++) {
                    if (!t.contains(p)) {
                        out.add(p);
                    }
                }
                return out;
            }

            @Override
            public void reserve(long agentId, long entity, List<Integer> ports) {
                Set<Integer> t = taken.computeIfAbsent(agentId, x -> new HashSet<>());
                for (Integer p : ports) {
                    if (stolen.remove(p)) {
                        t.add(p);
                        throw ApiException.badRequest("Ports has been used: " + p);
                    }
                }
                t.addAll(ports);
            }
        };
        reporting.put("10.0.0.1", new NodeDirectory.Node(1, true));
        reporting.put("10.0.0.2", new NodeDirectory.Node(2, false));
    }

    @Test
    public void onlyAReportingOnlineNodeIsInstalledAndDeployedTo() {
        List<NodeResult> r = nodes.install(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"));
        assertEquals(List.of(true, false, false), r.stream().map(NodeResult::rst).toList());
        assertTrue(r.get(1).msg().contains("offline"));
        assertTrue(r.get(2).msg().contains("no Armada node reports from 10.0.0.3"));
        assertEquals(List.of("10.0.0.1"), nodes.installed());
        assertTrue(nodes.install(List.of("10.0.0.1")).get(0).msg().contains("already"));
        assertEquals(1, entities.size());
        bad(() -> nodes.install(List.of("node-1")), "IP address");

        servers.deploy(new NewServer("App", "S", "10.0.0.1", null, null, false, null, null, null, null,
                List.of(new NewServer.NewServant(null, "Obj", "10.0.0.1", 20000, null, null, null, null, null, null,
                        0))));
        NodeResult busy = nodes.uninstall(List.of("10.0.0.1")).get(0);
        assertFalse(busy.rst());
        assertTrue(busy.msg().contains("1 server(s)"));
        assertFalse(nodes.uninstall(List.of("10.0.0.9")).get(0).rst());

        nodes.directory = null;
        assertEquals(NodeDirectory.UNAVAILABLE, nodes.install(List.of("10.0.0.5")).get(0).msg());
    }

    @Test
    public void autoPortReservesPortsNoAdapterUsesAndTriesAgainWhenOneIsTaken() {
        nodes.install(List.of("10.0.0.1"));
        servers.deploy(new NewServer("App", "S", "10.0.0.1", null, null, false, null, null, null, null,
                List.of(new NewServer.NewServant(null, "Obj", "10.0.0.1", 20000, null, null, null, null, null, null,
                        0))));
        List<PortOffer> first = nodes.autoPort(List.of("10.0.0.1", "10.0.0.1"));
        assertEquals(List.of(new PortOffer("10.0.0.1", 20001), new PortOffer("10.0.0.1", 20002)), first);
        stolen.add(20003);
        List<PortOffer> second = nodes.autoPort(List.of("10.0.0.1"));
        assertEquals(List.of(new PortOffer("10.0.0.1", 20004)), second);
        bad(() -> nodes.autoPort(List.of("10.0.0.2")), "is not a tars node");
        bad(() -> nodes.autoPort(List.of()), "node_name is required");
        nodes.ports = null;
        ApiErrors.expect(ErrorKind.UNAVAILABLE, () -> nodes.autoPort(List.of("10.0.0.1")));
    }

    @Test
    public void uninstallingFreesTheNodesEntity() {
        nodes.install(List.of("10.0.0.1"));
        assertEquals(1, entities.size());
        assertTrue(nodes.uninstall(List.of("10.0.0.1")).get(0).rst());
        assertTrue(entities.isEmpty());
        assertTrue(nodes.installed().isEmpty());
    }
}
