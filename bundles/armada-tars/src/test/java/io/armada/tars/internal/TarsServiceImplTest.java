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
import java.util.List;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import io.armada.core.ErrorKind;
import io.armada.core.testing.ApiErrors;
import io.armada.persistence.JpaStore;
import io.armada.persistence.testing.DerbyJpa;
import io.armada.tars.AdapterConf;
import io.armada.tars.AdapterInput;
import io.armada.tars.NewServer;
import io.armada.tars.NotifyRecord;
import io.armada.tars.ServerChange;
import io.armada.tars.ServerConf;
import io.armada.tars.TarsPage;
import io.armada.tars.internal.jpa.JpaNodeDao;
import io.armada.tars.internal.jpa.JpaTarsDao;

/** The service on the real tables (embedded Derby): deploy, change, lists, adapters, the notify log, refusals. */
public class TarsServiceImplTest {
    private static DerbyJpa jpa;
    private static JpaStore store;
    private static TarsServiceImpl tars;
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    @BeforeClass
    public static void open() throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("target"), "tars-dao");
        jpa = DerbyJpa.open("armada-tars", dir);
        store = new JpaStore(jpa);
        tars = new TarsServiceImpl(new JpaTarsDao(store), Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterClass
    public static void close() {
        jpa.close();
    }

    @Before
    public void empty() {
        store.run(em -> {
            em.createQuery("delete from AdapterEntity").executeUpdate();
            em.createQuery("delete from NotifyEntity").executeUpdate();
            em.createQuery("delete from ServerEntity").executeUpdate();
            em.createQuery("delete from NodeEntity").executeUpdate();
        });
        for (int i = 1; i <= 3; i++) {
            new JpaNodeDao(store).insert(new NodeDao.InstalledNode("10.0.0." + i, i, i), T0);
        }
    }

    static NewServer.NewServant servant(String node, String obj, int port) {
        return new NewServer.NewServant(node, obj, node, port, null, null, null, null, null, null, 0);
    }

    static NewServer server(String app, String name, List<NewServer.NewServant> adapters) {
        return new NewServer(app, name, null, null, "tars.default", false, null, null, null, null, adapters);
    }

    @Test
    public void aDeployMakesOneServerPerNodeWithItsAdapters() {
        List<ServerConf> rows = tars.deploy(server("App", "Hello", List.of(servant("10.0.0.1", "HelloObj", 10001),
                servant("10.0.0.1", "AdminObj", 10002), servant("10.0.0.2", "HelloObj", 10001))));
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), rows.stream().map(ServerConf::nodeName).toList());
        ServerConf first = rows.get(0);
        assertEquals("tars_cpp", first.serverType());
        assertEquals("inactive", first.settingState());
        assertEquals("inactive", first.presentState());
        assertEquals(3, first.asyncThreadNum());
        assertEquals(T0, first.posttime());
        List<AdapterConf> adapters = tars.adapters(first.id());
        assertEquals(2, adapters.size());
        AdapterConf hello = adapters.get(0);
        assertEquals("App.Hello.HelloObj", hello.servant());
        assertEquals("App.Hello.HelloObjAdapter", hello.adapterName());
        assertEquals("tcp -h 10.0.0.1 -t 60000 -p 10001 -e 0", hello.endpoint());
        assertEquals(1, hello.threadNum());
        assertEquals(1000, hello.maxConnections());
        assertEquals("tars", hello.protocol());
        assertEquals(1, tars.adapters(rows.get(1).id()).size());

        TarsPage<ServerConf> underApp = tars.servers("1App", 0, 0);
        assertEquals(2, underApp.count());
        assertEquals(2, tars.servers("1App.5Hello", 0, 0).rows().size());
        assertEquals(0, tars.servers("1App.2s", 0, 0).count());
        TarsPage<ServerConf> paged = tars.servers("1App", 2, 1);
        assertEquals(2, paged.count());
        assertEquals(List.of("10.0.0.2"), paged.rows().stream().map(ServerConf::nodeName).toList());
        assertEquals(2, tars.inactive("App", null, null, 0, 0).size());
        assertEquals(1, tars.inactive(null, null, "10.0.0.2", 0, 0).size());

        TarsPage<NotifyRecord> log = tars.notifies("1App.5Hello", 0, 0);
        assertEquals(2, log.count());
        assertTrue(log.rows().stream().allMatch(n -> n.command().equals("deploy_server")));
        assertEquals(List.of("App.Hello_10.0.0.1", "App.Hello_10.0.0.2"),
                log.rows().stream().map(NotifyRecord::serverId).sorted().toList());

        assertEquals(List.of("App"), tars.cascade(1, null, null, null));
        assertEquals(List.of("Hello"), tars.cascade(2, "App", null, null));
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), tars.cascade(4, "App", "Hello", null));
        assertEquals(List.of("App.Hello.AdminObj", "App.Hello.HelloObj"), tars.cascade(5, "App", "Hello", null));
        assertEquals(1, tars.tree(null).size());
        assertEquals(1, tars.tree("ell").size());
        assertEquals(0, tars.tree("nope").size());
    }

    @Test
    public void aSecondDeployOnTheSameNodeIsRefusedWhole() {
        tars.deploy(server("App", "Hello", List.of(servant("10.0.0.1", "HelloObj", 10001))));
        bad(() -> tars.deploy(server("App", "Hello", List.of(servant("10.0.0.3", "HelloObj", 10001),
                servant("10.0.0.1", "HelloObj", 10001)))), "already deployed");
        assertEquals(1, tars.servers("1App", 0, 0).count());
        assertEquals(1L, (long) store.tx(em -> em.createQuery("select count(a) from AdapterEntity a", Long.class)
                .getSingleResult()));
        assertEquals(1, tars.notifies("1App", 0, 0).count());
    }

    @Test
    public void badDeploysWriteNothing() {
        bad(() -> tars.deploy(server("App", "Hello", List.of())), "adapters is required");
        bad(() -> tars.deploy(server("App", "Hello", List.of(servant("host-1", "HelloObj", 1)))), "node_name");
        bad(() -> tars.deploy(server("App", "Hello", List.of(servant("10.0.0.1", "HelloObj", 1),
                servant("10.0.0.77", "HelloObj", 1)))), "node 10.0.0.77 is not a tars node");
        bad(() -> tars.deploy(server("App", "Hello", List.of(servant("10.0.0.1", "HelloObj", 0)))), "adapters.port");
        bad(() -> tars.deploy(server("App", "Hello", List.of(servant("10.0.0.1", "Hello.Obj", 1)))), "obj_name");
        bad(() -> tars.deploy(server("App", "Hello", List.of(servant("10.0.0.1", "HelloObj", 1),
                servant("10.0.0.1", "HelloObj", 2)))), "given twice");
        bad(() -> tars.deploy(new NewServer("App", "Hello", null, null, null, true, "s", "a", "x", null,
                List.of(servant("10.0.0.1", "HelloObj", 1)))), "set_group");
        bad(() -> tars.deploy(new NewServer("App", "Hello", null, null, null, false, null, null, null, null,
                List.of(new NewServer.NewServant(null, "HelloObj", "10.0.0.1", 1, null, null, null, null, null, null,
                        0)))), "node_name is required");
        assertEquals(0, tars.servers("1App", 0, 0).count());
    }

    @Test
    public void updatesChangeWhatIsGivenAndNoteIt() {
        ServerConf s = tars.deploy(server("App", "Hello", List.of(servant("10.0.0.1", "HelloObj", 10001)))).get(0);
        ServerConf changed = tars.update(new ServerChange(s.id(), true, null, "tars_java", true, "sz", "a", "2", 5,
                "/opt/x", null, null, null, null, null));
        assertTrue(changed.bakFlag());
        assertEquals("tars_java", changed.serverType());
        assertEquals("sz", changed.setName());
        assertEquals(5, changed.asyncThreadNum());
        assertEquals("/opt/x", changed.basePath());
        assertEquals("tars.default", changed.templateName());
        assertEquals(1, tars.servers("1App.2sz.3a.42.5Hello", 0, 0).count());
        assertEquals(0, tars.servers("1App.5Hello", 0, 0).count());
        assertEquals(2, tars.notifies("1App", 0, 0).count());
        bad(() -> tars.update(new ServerChange(s.id(), null, null, null, null, null, null, "x", null, null, null, null,
                null, null, null)), "set_group");
        bad(() -> tars.update(new ServerChange(s.id(), null, null, "nope", null, null, null, null, null, null, null,
                null, null, null, null)), "server_type");
        ApiErrors.expect(ErrorKind.NOT_FOUND, () -> tars.update(new ServerChange(99_999, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null)));
        ServerConf after = tars.server(s.id());
        assertEquals("tars_java", after.serverType());
        assertEquals("2", after.setGroup());
    }

    @Test
    public void adaptersAreAddedChangedAndDeleted() {
        ServerConf s = tars.deploy(server("App", "Hello", List.of(servant("10.0.0.1", "HelloObj", 10001)))).get(0);
        AdapterConf a = tars.addAdapter(new AdapterInput("App", "Hello", "10.0.0.1", 4,
                "tcp -h 10.0.0.1 -t 60000 -p 10005 -e 0", null, "", "App.Hello.AdminObj", 100, 5000, null, null));
        assertEquals("App.Hello.AdminObjAdapter", a.adapterName());
        assertEquals(4, a.threadNum());
        assertEquals(Integer.valueOf(100), a.queuecap());
        assertEquals(2, tars.adapters(s.id()).size());
        bad(() -> tars.addAdapter(new AdapterInput("App", "Hello", "10.0.0.1", null,
                "tcp -h 10.0.0.1 -t 60000 -p 10006 -e 0", null, null, "App.Hello.AdminObj", null, null, null, null)),
                "exists on node");
        bad(() -> tars.addAdapter(new AdapterInput("App", "Hello", "10.0.0.9", null,
                "tcp -h 10.0.0.9 -p 10006", null, null, "App.Hello.XObj", null, null, null, null)),
                "not deployed on node 10.0.0.9");
        AdapterConf changed = tars.updateAdapter(a.id(), new AdapterInput(null, null, null, null,
                "tcp -h 10.0.0.1 -t 60000 -p 10007 -e 1", 50, null, "App.Hello.OtherObj", null, null, null, null));
        assertEquals("App.Hello.OtherObjAdapter", changed.adapterName());
        assertEquals(50, changed.maxConnections());
        assertEquals(4, changed.threadNum());
        assertEquals(a.id(), tars.deleteAdapter(a.id()));
        ApiErrors.expect(ErrorKind.NOT_FOUND, () -> tars.deleteAdapter(a.id()));
        ApiErrors.expect(ErrorKind.NOT_FOUND, () -> tars.adapter(a.id()));
        assertEquals(1, tars.adapters(s.id()).size());
        // deploy, add, update, delete
        assertEquals(4, tars.notifies("1App.5Hello", 0, 0).count());
        assertFalse(tars.notifies("1App.5Hello", 1, 2).rows().isEmpty());
    }

    @Test
    public void anExpandPreviewListsEachAdapterOnEachNewNode() {
        tars.deploy(server("App", "Hello", List.of(servant("10.0.0.1", "HelloObj", 10001),
                servant("10.0.0.1", "AdminObj", 10002), servant("10.0.0.2", "HelloObj", 10001))));
        List<io.armada.tars.ExpandPreview> rows = tars.expandPreview("App", "Hello", "10.0.0.1",
                List.of("10.0.0.2", "10.0.0.3"), false, null, null, null);
        assertEquals(4, rows.size());
        assertEquals(List.of("HelloObj", "AdminObj", "HelloObj", "AdminObj"),
                rows.stream().map(io.armada.tars.ExpandPreview::objName).toList());
        assertEquals("#api.expand.node.status.existent#", rows.get(0).status());
        assertEquals("#api.expand.node.status.nonexistent#", rows.get(2).status());
        assertEquals("10.0.0.3", rows.get(2).bindIp());
        assertEquals("tars.default", rows.get(2).templateName());
        assertEquals("", rows.get(0).set());
        bad(() -> tars.expandPreview("App", "Hello", "10.0.0.9", List.of("10.0.0.3"), false, null, null, null),
                "not deployed on node 10.0.0.9");
        bad(() -> tars.expandPreview("App", "Hello", "10.0.0.1", List.of(), false, null, null, null),
                "expand_nodes is required");
        bad(() -> tars.expandPreview("App", "Hello", "10.0.0.1", List.of("x"), false, null, null, null),
                "expand_nodes");
    }
}
