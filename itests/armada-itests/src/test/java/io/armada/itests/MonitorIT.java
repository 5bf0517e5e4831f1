package io.armada.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The monitor in the NODE role (core + monitor, no database): every route of SPEC §6 in the monitor dialect, bad
 * input answered 88888 with nothing changed, /metrics, the shell commands, the bundle stopped and started. Every
 * command that would touch the machine (crontab, shutdown, reboot, systemctl, ifup, ifdown) is a stand-in script
 * that records its arguments; IP files go to a temporary folder, deletions to a temporary root.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MonitorIT extends ArmadaKarafTestSupport {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String BASE = "/api/v1/monitor/";
    private static final String FOREIGN_CRONTAB = "MAILTO=ops@example.com\n*/5 * * * * /usr/local/bin/backup.sh # nightly\n";
    private static final String[] QUERY_ROUTES = {"cpu", "cpuvt", "memory", "disk", "diskio", "network", "networkio",
        "vm", "hardware", "service", "resource"};

    @Override
    protected String role() {
        return "node";
    }

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    /** Runs in the test JVM: stand-in scripts and folders, and the configuration that points at them. */
    @Override
    protected List<Option> extraOptions() {
        try {
            Path dir = Files.createDirectories(new File("target/it-monitor").getAbsoluteFile().toPath());
            Path log = dir.resolve("commands.log");
            Files.deleteIfExists(log);
            Path recorder = script(dir, "recorder.sh", "echo \"$*\" >> '" + log + "'");
            Path crontabFile = dir.resolve("crontab.txt");
            Files.writeString(crontabFile, FOREIGN_CRONTAB);
            Path crontab = script(dir, "crontab.sh", String.join("\n",
                    "F='" + crontabFile + "'",
                    "if [ \"$1\" = \"-l\" ]; then [ -f \"$F\" ] || { echo 'no crontab for node' >&2; exit 1; }; cat \"$F\"; exit 0; fi",
                    "if [ \"$1\" = \"-\" ]; then cat > \"$F\"; exit 0; fi",
                    "exit 2"));
            Path scripts = dir.resolve("network-scripts");
            deleteTree(scripts);
            Files.createDirectories(scripts);
            Path files = dir.resolve("files");
            deleteTree(files);
            Files.createDirectories(files);
            String cfg = "etc/io.armada.monitor.cfg";
            List<Option> o = new ArrayList<>();
            o.add(editConfigurationFilePut("etc/system.properties", "monitor.it.dir", dir.toString()));
            o.add(editConfigurationFilePut(cfg, "command.crontab", crontab.toString()));
            o.add(editConfigurationFilePut(cfg, "command.shutdown", recorder + " shutdown"));
            o.add(editConfigurationFilePut(cfg, "command.reboot", recorder + " reboot"));
            o.add(editConfigurationFilePut(cfg, "command.systemctl", recorder + " systemctl"));
            o.add(editConfigurationFilePut(cfg, "command.ifup", recorder + " ifup"));
            o.add(editConfigurationFilePut(cfg, "command.ifdown", recorder + " ifdown"));
            o.add(editConfigurationFilePut(cfg, "network.scripts.dir", scripts.toString()));
            o.add(editConfigurationFilePut(cfg, "files.roots", files.toString()));
            o.add(editConfigurationFilePut(cfg, "services", "libvirtd,armada-test"));
            return o;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path script(Path dir, String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.exists(p)) {
            try (var walk = Files.walk(p)) {
                for (Iterator<Path> it = walk.sorted((a, b) -> b.compareTo(a)).iterator(); it.hasNext();) {
                    Files.delete(it.next());
                }
            }
        }
    }

    // ------------------------------------------------------------------ inside the container

    private static Path dir() {
        return Path.of(System.getProperty("monitor.it.dir"));
    }

    private static String commands() throws IOException {
        Path log = dir().resolve("commands.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static String crontab() throws IOException {
        return Files.readString(dir().resolve("crontab.txt"));
    }

    @Before
    public void monitorIsServed() {
        awaitSettled();
        Http.await("the monitor's routes", DEADLINE, () -> http().get(BASE + "cpu").status() == 200);
    }

    private JsonNode ok(Http.Answer a) {
        assertEquals(a.toString(), 200, a.status());
        JsonNode j = a.json();
        assertEquals(a.toString(), 0, j.get("code").asInt());
        assertEquals("成功", j.get("msg").asText());
        return j.get("data");
    }

    private JsonNode post(String route, String body) {
        return ok(http().post(BASE + route, body));
    }

    private int code(Http.Answer a) {
        assertEquals(a.toString(), 200, a.status());
        return a.json().get("code").asInt();
    }

    @Test
    public void everyQueryRouteAnswersGetAndPostInTheMonitorDialect() {
        for (String route : QUERY_ROUTES) {
            JsonNode get = ok(http().get(BASE + route));
            JsonNode post = ok(http().post(BASE + route, "{}"));
            assertTrue(route + ": " + get, get.isObject() && post.isObject());
            // no body at all works too (curl -X POST)
            ok(http().send("POST", BASE + route, null, null));
        }
        JsonNode cpu = ok(http().get(BASE + "cpu"));
        assertEquals(Runtime.getRuntime().availableProcessors() > 0, cpu.get("numbers").asInt() > 0);
        assertTrue(cpu.get("utc").isIntegralNumber());
        assertTrue(cpu.get("utilization").isNumber());
        JsonNode memory = ok(http().get(BASE + "memory"));
        assertTrue(memory.get("total").asLong() > memory.get("available").asLong());
        JsonNode disk = ok(http().get(BASE + "disk"));
        assertNotNull(disk.toString(), disk.get("/"));
        assertTrue(disk.get("/").get("type").asInt() == 0 || disk.get("/").get("type").asInt() == 1);
        assertFalse(disk.has("/proc") || disk.has("/sys") || disk.has("/dev/shm"));
        JsonNode io = ok(http().get(BASE + "networkio"));
        assertFalse(io.has("lo"));
        int nics = 0;
        for (String nic : physicalNics()) {
            assertTrue(nic + " is a physical NIC of this machine: " + io, io.path(nic).path("bytes_recv").isIntegralNumber());
            nics++;
        }
        assertEquals("networkio lists the physical NICs and utc: " + io, nics + 1, io.size());
        JsonNode service = ok(http().get(BASE + "service"));
        assertEquals("not found", service.get("armada-test").asText()); // no systemd as init on this machine
        JsonNode vm = ok(http().get(BASE + "vm"));
        assertEquals(0, vm.get("numbers").asInt());
        JsonNode hw = ok(http().get(BASE + "hardware"));
        assertTrue(hw.get("server_version").isTextual());
        JsonNode all = ok(http().post(BASE + "resource", ""));
        for (String k : new String[] {"cpu", "cpuvt", "memory", "disk", "diskio", "network", "networkio", "vm", "service"}) {
            assertTrue(k, all.has(k));
        }
    }

    @Test
    public void withoutTheTokenTheMonitorSaysNotLoggedIn() {
        Http.Answer a = anonymous().post(BASE + "cpu", "{}");
        assertEquals(200, a.status());
        assertEquals(10001, a.json().get("code").asInt());
        assertEquals(401, anonymous().get("/metrics").status());
    }

    @Test
    public void portStatusCountsEstablishedConnections() throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = server.getLocalPort();
            List<Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    open.add(new Socket(InetAddress.getLoopbackAddress(), port));
                    open.add(server.accept());
                }
                JsonNode d = post("port_status", "{\"ports\":\"" + port + ",1\"}");
                assertTrue(d.toString(), d.get(Integer.toString(port)).asBoolean());
                assertFalse(d.get("1").asBoolean());
                JsonNode g = ok(http().get(BASE + "port_status?ports=" + port));
                assertTrue(g.get(Integer.toString(port)).asBoolean());
            } finally {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
        assertEquals(88888, code(http().post(BASE + "port_status", "{}")));
        assertEquals(88888, code(http().post(BASE + "port_status", "{\"ports\":5905}")));
        assertEquals(88888, code(http().post(BASE + "port_status", "{\"ports\":\"x,y\"}")));
        assertEquals(88888, code(http().post(BASE + "port_status", "{\"ports\":")));
        assertEquals(88888, code(http().send("POST", BASE + "port_status", null, null)));
        // a GET body over 1 MiB is refused like every other body (these two routes read it whole into memory before)
        String big = "{\"ports\":\"1\"}" + " ".repeat(2 * 1024 * 1024);
        for (String route : new String[] {"port_status", "resource_statis"}) {
            Http.Answer a = http().send("GET", BASE + route, big, null);
            assertEquals(a.toString(), 88888, code(a));
            assertTrue(route + ": " + a.body(), a.body().contains("over the limit"));
        }
    }

    @Test
    public void resourceStatisTakesTwoToSixtySeconds() {
        Http.await("samples", DEADLINE, () -> code(http().post(BASE + "resource_statis", "{\"statis_period\":2}")) == 0);
        JsonNode d = post("resource_statis", "{\"statis_period\":15,\"node_uuid\":\"n1\"}");
        assertTrue(d.get("cpu_util").asText().matches("\\d+\\.\\d\\d"));
        assertTrue(d.get("cpu_util").isTextual());
        assertTrue(d.get("memory_util").isTextual());
        assertTrue(d.get("disk_util").get("/").get("rate").isTextual());
        assertTrue(d.get("nic_util").isObject());
        assertEquals("n1", d.get("node_uuid").asText());
        ok(http().get(BASE + "resource_statis?statis_period=60"));
        for (String bad : new String[] {"{\"statis_period\":0}", "{\"statis_period\":1}", "{\"statis_period\":61}",
                "{\"statis_period\":\"abc\"}", "{\"statis_period\":1.5}", "{\"statis_period\":true}", "{}", "[]",
                "not json"}) {
            assertEquals(bad, 88888, code(http().post(BASE + "resource_statis", bad)));
        }
        assertEquals(88888, code(http().get(BASE + "resource_statis?statis_period=x")));
    }

    @Test
    public void crontabHandlerKeepsForeignLinesAndBadInputChangesNothing() throws IOException {
        String job = "{\"handler\":\"CrontabHandler\",\"command\":\"setup_shutdown\",\"data\":{\"task_name\":\"it1\","
                + "\"exec_minute\":\"55\",\"exec_hour\":\"3\",\"exec_weekly\":\"1,2\"}}";
        ok(http().post(BASE + "task", job));
        assertTrue(crontab(), crontab().startsWith(FOREIGN_CRONTAB));
        assertTrue(crontab(), crontab().contains("55 3 * * 1,2 "));
        assertTrue(crontab(), crontab().contains("# front_end_controller:it1"));
        JsonNode sel = post("task", "{\"handler\":\"CrontabHandler\",\"command\":\"select_shutdown\",\"data\":{\"task_name\":\"it1\"}}");
        assertEquals("55", sel.get("exec_minute").asText());
        assertEquals("3", sel.get("exec_hour").asText());
        assertEquals("1,2", sel.get("exec_weekly").asText());
        String before = crontab();
        for (String bad : new String[] {
            "{\"handler\":\"CrontabHandler\",\"command\":\"setup_shutdown\",\"data\":{\"task_name\":\"it1\",\"exec_time\":\"3,55\",\"exec_weekly\":\"1\"}}",
            "{\"handler\":\"CrontabHandler\",\"command\":\"setup_shutdown\",\"data\":{\"task_name\":\"it1\",\"exec_minute\":\"99\",\"exec_hour\":\"3\",\"exec_weekly\":\"1\"}}",
            "{\"handler\":\"CrontabHandler\",\"command\":\"setup_shutdown\",\"data\":{\"task_name\":\"it 1\",\"exec_minute\":\"1\",\"exec_hour\":\"3\",\"exec_weekly\":\"1\"}}",
            "{\"handler\":\"CrontabHandler\",\"command\":\"setup_shutdown\",\"data\":\"x\"}",
            "{\"handler\":\"CrontabHandler\",\"command\":\"drop_all\",\"data\":{}}",
            "{\"handler\":\"NoSuchHandler\",\"command\":\"setup_shutdown\"}",
            "{\"handler\":\"CrontabHandler\"}",
            "{\"handler\":5,\"command\":\"setup_shutdown\"}"}) {
            assertEquals(bad, 88888, code(http().post(BASE + "task", bad)));
        }
        assertEquals(before, crontab());
        assertEquals(40601, code(http().post(BASE + "task",
                "{\"handler\":\"CrontabHandler\",\"command\":\"delete_shutdown\",\"data\":{\"task_name\":\"nope\"}}")));
        ok(http().post(BASE + "task", "{\"handler\":\"CrontabHandler\",\"command\":\"modify_shutdown\","
                + "\"data\":{\"task_name\":\"it1\",\"exec_hour\":\"4\"}}"));
        assertTrue(crontab().contains("55 4 * * 1,2 "));
        ok(http().post(BASE + "task", "{\"handler\":\"CrontabHandler\",\"command\":\"delete_shutdown\",\"data\":{\"task_name\":\"it1\"}}"));
        assertEquals(FOREIGN_CRONTAB, crontab());
    }

    @Test
    public void osServiceTimerAndFileHandlersRunTheirStandIns() throws Exception {
        String start = commands();
        ok(http().post(BASE + "task", "{\"handler\":\"OsHandler\",\"command\":\"reboot\"}"));
        Http.await("the reboot stand-in", DEADLINE, () -> {
            try {
                return commands().contains("reboot");
            } catch (IOException e) {
                return false;
            }
        });
        ok(http().post(BASE + "task", "{\"handler\":\"ServiceHandler\",\"command\":\"restart\",\"data\":{\"service\":[\"a\",\"b\"]}}"));
        Http.await("the systemctl stand-in", DEADLINE, () -> {
            try {
                return commands().contains("systemctl restart -- a b");
            } catch (IOException e) {
                return false;
            }
        });
        JsonNode status = post("task", "{\"handler\":\"ServiceHandler\",\"command\":\"status\",\"data\":{\"service\":\"libvirtd\"}}");
        assertEquals("not found", status.get("status").asText());
        assertEquals(88888, code(http().post(BASE + "task", "{\"handler\":\"ServiceHandler\",\"command\":\"start\",\"data\":{\"service\":5}}")));
        assertEquals(88888, code(http().post(BASE + "task", "{\"handler\":\"OsHandler\",\"command\":\"halt\"}")));

        // TimerHandler: update, pause, resume, persisted in the node's files
        ok(http().post(BASE + "task", "{\"handler\":\"TimerHandler\",\"command\":\"update\",\"data\":"
                + "{\"addr\":\"http://127.0.0.1:9/reports\",\"node_uuid\":\"123142342342342342343\"}}"));
        ok(http().post(BASE + "task", "{\"handler\":\"TimerHandler\",\"command\":\"pause\"}"));
        String state = shell("monitor:report-status");
        assertTrue(state, state.contains("http://127.0.0.1:9/reports"));
        assertTrue(state, state.contains("123142342342342342343"));
        assertTrue(state, state.contains("paused"));
        Path nodeFile = Path.of(System.getProperty("armada.data", System.getProperty("karaf.data")), "monitor", "node.properties");
        String saved = Files.readString(nodeFile);
        assertTrue(saved, saved.contains("paused=true") && saved.contains("node_uuid=123142342342342342343"));
        ok(http().post(BASE + "task", "{\"handler\":\"TimerHandler\",\"command\":\"resume\"}"));
        assertTrue(Files.readString(nodeFile).contains("paused=false"));
        assertEquals(88888, code(http().post(BASE + "task",
                "{\"handler\":\"TimerHandler\",\"command\":\"update\",\"data\":{\"addr\":\"not a url\"}}")));

        // FileHandler: inside the root only
        Path root = dir().resolve("files");
        Path victim = Files.writeString(root.resolve("old.tgz"), "x");
        ok(http().post(BASE + "task", "{\"handler\":\"FileHandler\",\"command\":\"delete_file\",\"data\":{\"file_name\":\"" + victim + "\"}}"));
        assertFalse(Files.exists(victim));
        Path precious = Files.writeString(dir().resolve("precious.txt"), "keep");
        for (String path : new String[] {precious.toString(), root + "/../precious.txt", "/", root.toString(), "relative"}) {
            assertEquals(path, 88888, code(http().post(BASE + "task",
                    "{\"handler\":\"FileHandler\",\"command\":\"delete_file\",\"data\":{\"file_name\":\"" + path + "\"}}")));
        }
        assertTrue(Files.exists(precious));
        assertTrue(commands().length() > start.length());
    }

    @Test
    public void ipConfigurationWritesIfcfgFilesInTheConfiguredFolder() throws IOException {
        JsonNode network = ok(http().get(BASE + "network"));
        String nic = null;
        for (Iterator<String> it = network.fieldNames(); it.hasNext();) {
            String n = it.next();
            if (!n.equals("utc")) {
                nic = n;
                break;
            }
        }
        assertEquals(88888, code(http().post(BASE + "add_ip", "{\"ip\":\"10.9.9.9\"}")));
        assertEquals(40304, code(http().post(BASE + "add_ip", "{\"name\":\"lo:1\",\"ip\":\"10.9.9.9\","
                + "\"netmask\":\"255.255.255.0\",\"gateway\":\"10.9.9.1\"}")));
        assumeTrue("no physical NIC on this machine", nic != null);
        Path scripts = dir().resolve("network-scripts");
        String name = nic + ":7";
        String body = "{\"name\":\"" + name + "\",\"ip\":\"10.9.9.9\",\"netmask\":\"255.255.255.0\",\"gateway\":\"10.9.9.1\","
                + "\"dns1\":\"8.8.8.8\"}";
        assertEquals(40303, code(http().post(BASE + "add_ip", body.replace("10.9.9.9", "10.9.9.999"))));
        assertFalse(Files.exists(scripts.resolve("ifcfg-" + name)));
        assertEquals(name, post("add_ip", body).get("name").asText());
        String file = Files.readString(scripts.resolve("ifcfg-" + name));
        assertTrue(file, file.contains("IPADDR=10.9.9.9\n") && file.contains("BOOTPROTO=static\n"));
        assertTrue(commands().contains("ifup " + name));
        assertEquals(40311, code(http().post(BASE + "add_ip", body)));
        assertEquals(name, post("update_ip", body.replace("10.9.9.9", "10.9.9.8")).get("name").asText());
        assertTrue(Files.readString(scripts.resolve("ifcfg-" + name)).contains("IPADDR=10.9.9.8\n"));
        assertEquals(40306, code(http().post(BASE + "update_ip", body.replace(":7", ":8"))));
        Files.writeString(scripts.resolve("ifcfg-" + nic), "NAME=" + nic + "\nDEVICE=" + nic + "\nIPADDR=10.1.1.1\n");
        JsonNode ex = post("exchange_ip", "{\"name1\":\"" + nic + "\",\"name2\":\"" + name + "\"}");
        assertEquals(name, ex.get("name1").asText());
        assertEquals(nic, ex.get("name2").asText());
        assertTrue(Files.readString(scripts.resolve("ifcfg-" + nic)).contains("IPADDR=10.9.9.8\n"));
        assertEquals(40305, code(http().post(BASE + "delete_ip", "{\"name\":\"" + nic + "\"}")));
        ok(http().post(BASE + "delete_ip", "{\"name\":\"" + name + "\"}"));
        assertFalse(Files.exists(scripts.resolve("ifcfg-" + name)));
        assertTrue(commands().contains("ifdown " + name));
    }

    @Test
    public void verifyPasswordGoesThroughPam() {
        assertEquals(88888, code(http().post(BASE + "verify_password", "{\"password\":\"x\"}")));
        assertEquals(88888, code(http().post(BASE + "verify_password", "{\"user\":5,\"password\":\"x\"}")));
        Http.Answer wrong = http().post(BASE + "verify_password",
                "{\"user\":\"root\",\"password\":\"definitely-wrong-" + System.nanoTime() + "\"}");
        assertEquals(wrong.toString(), 40312, code(wrong));
        assertFalse(wrong.body().contains("definitely-wrong"));
    }

    @Test
    public void metricsArePrometheusTextWithNodeExporterNames() {
        Http.Answer a = http().get("/metrics");
        assertEquals(a.toString(), 200, a.status());
        String text = a.body();
        assertTrue(text.startsWith("# HELP "));
        for (String name : new String[] {"node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} ", "node_memory_MemTotal_bytes ",
                "node_memory_MemAvailable_bytes ", "node_filesystem_size_bytes{", "node_filesystem_avail_bytes{",
                "node_load1 "}) {
            assertTrue(name, text.contains(name));
        }
        // issue 19: node_exporter's default collectors, so "Node Exporter Full" works unchanged. node_uname_info is
        // its host selector; file nodes and timex come through libc (JNA) inside Karaf.
        for (String name : new String[] {"\nnode_uname_info{domainname=\"", "\nnode_os_info{build_id=\"",
                "\nnode_memory_Buffers_bytes ", "\nnode_memory_HugePages_Total ", "\nnode_vmstat_pgfault ",
                "\nnode_context_switches_total ", "\nnode_boot_time_seconds ", "\nnode_procs_running ",
                "\nnode_filefd_allocated ", "\nnode_sockstat_sockets_used ", "\nnode_netstat_Tcp_InSegs ",
                "\nnode_network_receive_bytes_total{device=\"lo\"} ", "\nnode_network_up{device=\"",
                "\nnode_disk_reads_completed_total{device=\"", "\nnode_filesystem_files{device=\"",
                "\nnode_filesystem_readonly{device=\"", "\nnode_filesystem_device_error{device=\"",
                "\nnode_timex_sync_status ", "\nnode_time_seconds ",
                "\nnode_scrape_collector_success{collector=\"meminfo\"} 1\n",
                "\nnode_scrape_collector_success{collector=\"filesystem\"} 1\n",
                "\nnode_scrape_collector_success{collector=\"timex\"} 1\n",
                "\nnode_scrape_collector_duration_seconds{collector=\"cpu\"} ", "\narmada_monitor_reports_sent_total "}) {
            assertTrue(name, text.contains(name));
        }
        assertTrue(text.contains("nodename=\"" + firstLine("/proc/sys/kernel/hostname") + "\""));
        long memTotalKib = Long.parseLong(firstLine("/proc/meminfo").replaceAll("[^0-9]", ""));
        assertTrue(text.contains("\nnode_memory_MemTotal_bytes " + memTotalKib * 1024 + "\n"));
        // what Prometheus sends with authorization.credentials_file: a Bearer token
        Http.Answer bearer = anonymous().withHeaders(java.util.Map.of("Authorization", "Bearer " + TOKEN)).get("/metrics");
        assertEquals(bearer.toString(), 200, bearer.status());
        assertTrue(bearer.body().contains("\nnode_uname_info{"));
    }

    private static String firstLine(String file) {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of(file)).get(0).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    public void shellCommandsShowTheFigures() throws Exception {
        assertTrue(shell("monitor:cpu").contains("CPUs:"));
        assertTrue(shell("monitor:memory").contains("available:"));
        assertTrue(shell("monitor:disk").contains("/"));
        assertTrue(shell("monitor:network").contains("NIC"));
        String services = shell("monitor:services");
        assertTrue(services, services.contains("armada-test") && services.contains("not found"));
        String ports = shell("monitor:ports 1 2");
        assertTrue(ports, ports.contains("Established") && ports.contains("false"));
        assertTrue(shell("monitor:report-pause").contains("paused"));
        assertTrue(shell("monitor:report-status").contains("paused"));
        assertTrue(shell("monitor:report-resume").contains("resumed"));
        assertFalse(shell("monitor:report-status").contains("state:        paused"));
    }

    @Test
    public void theMonitorBundleStopsAndStartsWhileCoreKeepsServing() throws Exception {
        Bundle monitor = bundle("armada-monitor");
        assertNotNull(monitor);
        monitor.stop();
        try {
            Http.await("monitor routes gone", DEADLINE, () -> http().get(BASE + "cpu").status() == 404);
            assertEquals(404, http().get("/metrics").status());
            assertEquals(200, anonymous().get("/health").status());
            assertFalse(anonymous().get("/health").body().contains("monitor"));
        } finally {
            monitor.start();
        }
        Http.await("monitor routes back", DEADLINE, () -> http().get(BASE + "cpu").status() == 200);
        assertTrue(anonymous().get("/health").body().contains("monitor"));
        String body = new String(http().get("/metrics").body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertTrue(body.contains("node_cpu_seconds_total"));
    }

    /** This machine's physical NICs: those of /proc/net/dev whose sysfs entry is not under /sys/devices/virtual. */
    private static List<String> physicalNics() {
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/dev"))) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.contains("|")) {
                    String name = line.substring(0, colon).trim();
                    Path p = Path.of("/sys/class/net", name);
                    if (Files.exists(p) && !p.toRealPath().toString().contains("/devices/virtual/")) {
                        out.add(name);
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }
}
