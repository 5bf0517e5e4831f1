package io.armada.tars.internal;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import io.armada.persistence.JpaStore;
import io.armada.persistence.testing.DerbyJpa;
import io.armada.tars.NewServer;
import io.armada.tars.ServerConf;
import io.armada.tars.TarsStats;
import io.armada.tars.internal.jpa.JpaNodeDao;
import io.armada.tars.internal.jpa.JpaTarsDao;
import io.armada.tars.internal.jpa.JpaTaskDao;

/** present_state and process_id follow the nodes' reports; each new report adds cpu and rss property records. */
public class NodeStateSyncTest {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static DerbyJpa jpa;
    private static JpaStore store;

    @BeforeClass
    public static void open() throws Exception {
        jpa = DerbyJpa.open("armada-tars", Files.createTempDirectory(Paths.get("target"), "tars-sync"));
        store = new JpaStore(jpa);
    }

    @AfterClass
    public static void close() {
        jpa.close();
    }

    static final class Reports implements NodeCalls {
        final Map<String, Report> byIp = new HashMap<>();

        @Override
        public CompletionStage<Reply> call(String ip, String command, Map<String, Object> data, Duration timeout) {
            throw new AssertionError("the sync calls no node");
        }

        @Override
        public Optional<Map<String, Object>> reported(String ip, String app, String server) {
            return Optional.empty();
        }

        @Override
        public Optional<Report> report(String ip) {
            return Optional.ofNullable(byIp.get(ip));
        }
    }

    static final class Props implements TarsStats {
        final List<PropertyRecord> seen = new ArrayList<>();

        @Override
        public int reportStat(List<StatRecord> records) {
            return 0;
        }

        @Override
        public int reportProperty(List<PropertyRecord> records) {
            seen.addAll(records);
            return records.size();
        }

        @Override
        public List<Map<String, String>> statMonitor(java.time.LocalDate a, java.time.LocalDate b, String c,
                String d, Map<String, String> e, String f) {
            return List.of();
        }

        @Override
        public List<Map<String, String>> propertyMonitor(java.time.LocalDate a, java.time.LocalDate b, String c,
                String d, Map<String, String> e, String f) {
            return List.of();
        }
    }

    @Test
    public void rowsFollowTheReportsAndEachNewReportAddsProperties() {
        new JpaNodeDao(store).insert(new NodeDao.InstalledNode("10.0.0.1", 1, 1), T0);
        new JpaNodeDao(store).insert(new NodeDao.InstalledNode("10.0.0.2", 2, 2), T0);
        TarsServiceImpl servers = new TarsServiceImpl(new JpaTarsDao(store), Clock.fixed(T0, ZoneOffset.UTC));
        List<ServerConf> rows = servers.deploy(new NewServer("App", "Hello", null, null, "tars.default", false, null,
                null, null, null, List.of(
                        new NewServer.NewServant("10.0.0.1", "HelloObj", "10.0.0.1", 10001, null, null, null, null,
                                null, null, 0),
                        new NewServer.NewServant("10.0.0.2", "HelloObj", "10.0.0.2", 10001, null, null, null, null,
                                null, null, 0))));
        Reports reports = new Reports();
        Props props = new Props();
        NodeStateSync sync = new NodeStateSync(reports, new JpaNodeDao(store), new JpaTaskDao(store, "s1"), props, null);
        reports.byIp.put("10.0.0.1", new NodeCalls.Report(1000, List.of(Map.of("app", "App", "server", "Hello",
                "state", "active", "pids", List.of(77), "cpu", 1.5, "rss", 4096))));
        // 10.0.0.2 is offline: its row stays as it was
        assertEquals(1, sync.sync());
        assertEquals("active", servers.server(rows.get(0).id()).presentState());
        assertEquals(77, servers.server(rows.get(0).id()).processId());
        assertEquals("inactive", servers.server(rows.get(1).id()).presentState());
        assertEquals(List.of("cpu", "rss"), props.seen.stream().map(TarsStats.PropertyRecord::propertyName).toList());
        assertEquals("App.Hello", props.seen.get(0).masterName());
        assertEquals(1000, props.seen.get(0).time());
        // the same report again: nothing changes, no new records
        assertEquals(0, sync.sync());
        assertEquals(2, props.seen.size());
        // a report that no longer lists the service: inactive
        reports.byIp.put("10.0.0.1", new NodeCalls.Report(1020, List.of()));
        assertEquals(1, sync.sync());
        assertEquals("inactive", servers.server(rows.get(0).id()).presentState());
        assertEquals(0, servers.server(rows.get(0).id()).processId());
        assertEquals(2, props.seen.size());
    }
}
