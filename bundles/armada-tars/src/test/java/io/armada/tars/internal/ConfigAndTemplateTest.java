package io.armada.tars.internal;

import static io.armada.tars.internal.TarsRulesTest.bad;
import static org.junit.Assert.assertEquals;
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
import io.armada.tars.ConfigFile;
import io.armada.tars.ConfigHistory;
import io.armada.tars.ConfigRef;
import io.armada.tars.NewConfig;
import io.armada.tars.NewServer;
import io.armada.tars.ProfileTemplate;
import io.armada.tars.TarsPage;
import io.armada.tars.internal.jpa.JpaConfigDao;
import io.armada.tars.internal.jpa.JpaNodeDao;
import io.armada.tars.internal.jpa.JpaTarsDao;
import io.armada.tars.internal.jpa.JpaTemplateDao;

/** Configuration files (levels, node files, history, references, the merge order) and templates, on Derby. */
public class ConfigAndTemplateTest {
    private static DerbyJpa jpa;
    private static JpaStore store;
    private static TarsServiceImpl servers;
    private static ConfigServiceImpl configs;
    private static TemplateServiceImpl templates;
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    @BeforeClass
    public static void open() throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("target"), "tars-config");
        jpa = DerbyJpa.open("armada-tars", dir);
        store = new JpaStore(jpa);
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        servers = new TarsServiceImpl(new JpaTarsDao(store), clock);
        configs = new ConfigServiceImpl(new JpaConfigDao(store), new JpaTarsDao(store), clock);
        templates = new TemplateServiceImpl(new JpaTemplateDao(store), clock);
    }

    @AfterClass
    public static void close() {
        jpa.close();
    }

    @Before
    public void empty() {
        store.run(em -> {
            for (String e : List.of("ConfigRefEntity", "ConfigHistoryEntity", "ConfigEntity", "TemplateEntity",
                    "AdapterEntity", "NotifyEntity", "ServerEntity", "NodeEntity")) {
                em.createQuery("delete from " + e).executeUpdate();
            }
        });
    }

    private static void deploy(String node) {
        new JpaNodeDao(store).insert(new NodeDao.InstalledNode(node, 1, 1), T0);
        servers.deploy(new NewServer("App", "Hello", null, null, "tars.default", false, null, null, null, null,
                List.of(new NewServer.NewServant(node, "HelloObj", node, 10001, null, null, null, null, null, null,
                        0))));
    }

    private static ConfigFile add(int level, String server, String filename, String text) {
        return configs.add(new NewConfig(level, "App", server, null, null, null, filename, text));
    }

    @Test
    public void aServerFileGetsNodeFilesAndTheMergeFollowsTarsFrameworksOrder() {
        deploy("10.0.0.1");
        deploy("10.0.0.2");
        ConfigFile common = add(1, null, "common.conf", "common=1");
        assertEquals(ConfigFile.APP, common.level());
        assertEquals("App", common.serverName());
        ConfigFile server = add(5, "Hello", "hello.conf", "server=1");
        assertEquals(ConfigFile.SERVER, server.level());
        assertEquals("App.Hello", server.serverName());
        List<ConfigFile> nodes = configs.nodeFiles("App", "Hello", null, null, null, server.id());
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), nodes.stream().map(ConfigFile::nodeName).toList());
        assertTrue(nodes.stream().allMatch(n -> n.config().isEmpty() && n.level() == ConfigFile.NODE));

        // a node deployed later gets its node file when the list is asked for (as TarsWeb)
        deploy("10.0.0.3");
        assertEquals(3, configs.nodeFiles("App", "Hello", null, null, null, server.id()).size());

        ConfigFile shared = add(1, null, "shared.conf", "shared=1");
        ConfigFile node1 = nodes.get(0);
        configs.update(node1.id(), "node=1", "node value");
        configs.addRef(server.id(), common.id());
        configs.addRef(node1.id(), shared.id());
        assertEquals(String.join("\r\n\r\n", "common=1", "server=1", "shared=1", "node=1"),
                configs.merged(node1.id()));
        // an empty node file adds nothing, nor an empty separator
        assertEquals(String.join("\r\n\r\n", "common=1", "server=1"), configs.merged(nodes.get(1).id()));
        assertEquals(String.join("\r\n\r\n", "common=1", "server=1"), configs.merged(server.id()));

        List<ConfigRef> refs = configs.refs(server.id());
        assertEquals(1, refs.size());
        assertEquals("common.conf", refs.get(0).reference().filename());

        assertEquals(List.of("common.conf", "shared.conf"),
                configs.list(1, "App", null, null, null, null).stream().map(ConfigFile::filename).toList());
        assertEquals(List.of("hello.conf"),
                configs.list(5, "App", "Hello", null, null, null).stream().map(ConfigFile::filename).toList());

        // a referenced file cannot go; the server file takes its node files with it
        bad(() -> configs.delete(common.id()), "is referenced by config file " + server.id());
        assertEquals(server.id(), configs.delete(server.id()));
        ApiErrors.expect(ErrorKind.NOT_FOUND, () -> configs.get(node1.id()));
        assertEquals(common.id(), configs.delete(common.id()));
    }

    @Test
    public void updatesKeepTheirHistoryAndBadInputWritesNothing() {
        ConfigFile f = add(1, null, "a.conf", "v=1");
        configs.update(f.id(), "v=2", "second");
        TarsPage<ConfigHistory> h = configs.histories(f.id(), 1, 10);
        assertEquals(2, h.count());
        assertEquals(List.of("second", "add config"), h.rows().stream().map(ConfigHistory::reason).toList());
        assertEquals("v=2", configs.history(h.rows().get(0).id()).content());
        bad(() -> configs.update(f.id(), "v=3", null), "reason is required");
        bad(() -> configs.update(f.id(), "", "r"), "config is required");
        assertEquals("v=2", configs.get(f.id()).config());
        bad(() -> add(1, null, "a.conf", "again"), "#cfg.dlg.exists#");
        bad(() -> add(1, null, "../etc/passwd", "x"), "filename");
        bad(() -> configs.add(new NewConfig(2, "App", null, null, null, null, "s.conf", "x")), "set_name");
        bad(() -> configs.add(new NewConfig(7, "App", null, null, null, null, "s.conf", "x")), "level must be");
        bad(() -> configs.add(new NewConfig(5, "App", null, null, null, null, "s.conf", "x")), "server_name");
        bad(() -> configs.addRef(f.id(), f.id()), "itself");
        ApiErrors.expect(ErrorKind.NOT_FOUND, () -> configs.addRef(f.id(), 999_999));
        ConfigFile g = add(1, null, "b.conf", "b=1");
        ConfigRef r = configs.addRef(f.id(), g.id());
        bad(() -> configs.addRef(f.id(), g.id()), "already references");
        assertEquals(r.id(), configs.deleteRef(r.id()));
        ApiErrors.expect(ErrorKind.NOT_FOUND, () -> configs.deleteRef(r.id()));
        assertEquals(2, configs.list(1, "App", null, null, null, null).size());
    }

    @Test
    public void templatesInheritWhatTheyLackAndRefuseCycles() {
        templates.add("tars.default", "", "<tars>\n<application>\nenableset=n\nloglevel=DEBUG\n<client>\n"
                + "locator=tars.registry\nsync-invoke-timeout=3000\n</client>\n</application>\n</tars>\n");
        ProfileTemplate cpp = templates.add("tars.tarscpp.default", "tars.default",
                "<tars>\n<application>\nloglevel=INFO\n<server>\napp=App\n</server>\n</application>\n</tars>\n");
        assertEquals("tars.default", cpp.parentsName());
        String merged = templates.merged("tars.tarscpp.default");
        assertEquals("<tars>\n\t<application>\n\t\tloglevel=INFO\n\t\tenableset=n\n\t\t<server>\n\t\t\tapp=App\n"
                + "\t\t</server>\n\t\t<client>\n\t\t\tlocator=tars.registry\n\t\t\tsync-invoke-timeout=3000\n"
                + "\t\t</client>\n\t</application>\n</tars>\n", merged);
        assertEquals(List.of("tars.default", "tars.tarscpp.default"), templates.names());
        assertEquals(1, templates.query("cpp", null).size());
        assertEquals(1, templates.query(null, "tars.default").size());

        ProfileTemplate root = templates.get("tars.default");
        bad(() -> templates.update(root.id(), null, "tars.tarscpp.default", null), "makes a cycle");
        bad(() -> templates.add("x", "x", "a=1"), "its own parent");
        bad(() -> templates.add("y", "nope", "a=1"), "does not exist");
        bad(() -> templates.add("z", "", "<tars>\n<a>\n</tars>\n"), "closes nothing open");
        bad(() -> templates.add("z", "", "<tars>\n"), "never closed");
        bad(() -> templates.add("tars.default", "", "a=1"), "exists");
        bad(() -> templates.delete(root.id()), "is the parent of tars.tarscpp.default");
        bad(() -> templates.update(root.id(), "renamed", null, null), "is a parent and keeps its name");
        assertEquals(root.profile(), templates.get("tars.default").profile());

        deploy("10.0.0.9"); // deployed with template tars.default
        assertEquals(cpp.id(), templates.delete(cpp.id()));
        bad(() -> templates.update(root.id(), "renamed", null, null), "is used by a server and keeps its name");
        bad(() -> templates.delete(root.id()), "is used by a server");
        assertEquals("tars.default", templates.update(root.id(), null, null, "<tars>\n</tars>\n").templateName());
        ApiErrors.expect(ErrorKind.NOT_FOUND, () -> templates.get("tars.tarscpp.default"));
    }

    @Test
    public void concurrentAddsOfServerFilesAllLand() throws Exception {
        int servers = 200;
        store.run(em -> { });
        new JpaNodeDao(store).insert(new NodeDao.InstalledNode("10.0.1.1", 1, 1), Instant.now());
        for (int i = 0; i < servers; i++) {
            servers(i);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        java.util.List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        for (int c = 0; c < 20; c++) {
            work.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < servers; i = next.getAndIncrement()) {
                    configs.add(new NewConfig(5, "App", "S" + i, null, null, null, "s.conf", "k=" + i));
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        assertEquals(servers * 2L, (long) store.tx(em -> em.createQuery("select count(c) from ConfigEntity c",
                Long.class).getSingleResult()));
    }

    private static void servers(int i) {
        servers.deploy(new NewServer("App", "S" + i, null, null, null, false, null, null, null, null,
                List.of(new NewServer.NewServant("10.0.1.1", "Obj", "10.0.1.1", 10000 + i, null, null, null, null,
                        null, null, 0))));
    }
}
