package io.armada.ports.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import io.armada.core.ApiException;
import io.armada.core.ErrorKind;
import io.armada.persistence.JpaStore;
import io.armada.persistence.testing.DerbyJpa;
import io.armada.ports.PortAllocation;
import io.armada.ports.PortOwner;
import io.armada.ports.PortOwners;
import io.armada.ports.internal.jpa.JpaPortsDao;

/** The allocation rules on embedded Derby, including two "servers" (two independent stacks) on one database. */
public class PortServiceImplTest {
    private Path dir;
    private DerbyJpa jpa;
    private final FakeOwners owners = new FakeOwners();
    private PortServiceImpl service;

    /** A directory with agent 1 (30000-30100), agent 2 (40000-40005) and a few entities. */
    static final class FakeOwners implements PortOwners {
        final Map<Long, PortOwner> agents = new ConcurrentHashMap<>();
        final Set<String> entities = ConcurrentHashMap.newKeySet();

        FakeOwners() {
            agents.put(1L, new PortOwner(1, "h1", List.of("30000-30100")));
            agents.put(2L, new PortOwner(2, "h2", List.of("40000-40005")));
            agents.put(3L, new PortOwner(3, "h3", List.of()));
            for (long n = 0; n < 40; n++) {
                entities.add("1/game/" + n);
                entities.add("2/game/" + n);
            }
            entities.add("3/game/0");
        }

        @Override
        public Optional<PortOwner> owner(long agentId) {
            return Optional.ofNullable(agents.get(agentId));
        }

        @Override
        public boolean entityExists(long agentId, String endpoint, long entity) {
            return entities.contains(agentId + "/" + endpoint + "/" + entity);
        }

        @Override
        public List<Long> agentIds() {
            return new ArrayList<>(agents.keySet());
        }
    }

    @Before
    public void open() throws Exception {
        Path base = Paths.get("target", "derby-tests");
        Files.createDirectories(base);
        dir = Files.createTempDirectory(base, "ports");
        jpa = DerbyJpa.open("armada-ports", dir);
        service = new PortServiceImpl(new JpaPortsDao(new JpaStore(jpa)), owners, new Random(11));
    }

    @After
    public void close() {
        jpa.close();
    }

    @Test
    public void allocateListFreeRoundTrip() {
        List<Integer> got = service.allocate(1, "Game", 0, Arrays.asList(30050, null, null), "web");
        assertEquals(3, got.size());
        assertEquals(Integer.valueOf(30050), got.get(0));
        assertEquals(3, new HashSet<>(got).size());
        List<PortAllocation> rows = service.list(1, "game", 0);
        assertEquals(3, rows.size());
        assertEquals("game", rows.get(0).endpoint());
        assertEquals("web", rows.get(0).desc());
        assertEquals(3, service.list(1).size());
        assertEquals(3, service.listEndpoint("GAME").size());
        assertEquals(0, service.list(2).size());

        assertEquals(1, service.free(1, "game", 0, List.of(30050), true));
        assertEquals(2, service.list(1).size());
        assertEquals(2, service.freeEntity(1, "game", 0));
        assertEquals(0, service.list(1).size());
    }

    @Test
    public void aUsedPortIsRefusedAndNothingIsWritten() {
        service.allocate(1, "game", 0, List.of(30001), null);
        ApiException e = expect(() -> service.allocate(1, "game", 1, Arrays.asList(null, 30001), null));
        assertEquals(ErrorKind.BAD_REQUEST, e.kind());
        assertEquals("Ports has been used count 1", e.getMessage());
        assertEquals(1, service.list(1).size());
        // the same port on another agent is fine: unique per agent
        owners.agents.put(2L, new PortOwner(2, "h2", List.of("30000-30005")));
        service.allocate(2, "game", 0, List.of(30001), null);
        e = expect(() -> service.check(1, List.of(30001)));
        assertEquals("Ports has been used count 1", e.getMessage());
    }

    @Test
    public void badRequestsWriteNothing() {
        assertEquals(ErrorKind.BAD_REQUEST, expect(() -> service.allocate(1, "game", 0, List.of(80), null)).kind());
        assertEquals(ErrorKind.BAD_REQUEST, expect(() -> service.allocate(1, "game", 0, List.of(30200), null)).kind());
        assertEquals(ErrorKind.BAD_REQUEST, expect(() -> service.allocate(1, "game", 0, List.of(), null)).kind());
        assertEquals(ErrorKind.NOT_FOUND, expect(() -> service.allocate(1, "game", 99, List.of(30002), null)).kind());
        assertEquals(ErrorKind.NOT_FOUND, expect(() -> service.allocate(9, "game", 0, List.of(30002), null)).kind());
        ApiException none = expect(() -> service.allocate(3, "game", 0, Arrays.asList((Integer) null), null));
        assertTrue(none.getMessage(), none.getMessage().startsWith("No free port left on agent 3"));
        List<Integer> seven = Collections.nCopies(7, null);
        assertEquals(ErrorKind.BAD_REQUEST, expect(() -> service.allocate(2, "game", 0, seven, null)).kind());
        assertEquals(0, service.list(1).size());
        assertEquals(0, service.list(2).size());
    }

    @Test
    public void strictFreeRefusesAMismatchAndFreesNothing() {
        service.allocate(1, "game", 0, List.of(30001, 30002), null);
        ApiException e = expect(() -> service.free(1, "game", 0, List.of(30001, 30003), true));
        assertEquals("Submit 2 ports, but only 1 ports found", e.getMessage());
        assertEquals(2, service.list(1).size());
        assertEquals(1, service.free(1, "game", 0, List.of(30001, 30003), false));
        assertEquals(1, service.list(1).size());
        // another entity's port is not this entity's
        expect(() -> service.free(1, "game", 1, List.of(30002), true));
        assertEquals(1, service.list(1).size());
    }

    @Test
    public void withoutTheDirectoryAllocationIsUnavailable() {
        PortServiceImpl alone = new PortServiceImpl(new JpaPortsDao(new JpaStore(jpa)), null, new Random());
        ApiException e = expect(() -> alone.allocate(1, "game", 0, List.of(30001), null));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertEquals(PortServiceImpl.NO_DIRECTORY, e.getMessage());
    }

    @Test
    public void findFreeProposesWithoutReserving() {
        service.allocate(2, "game", 0, List.of(40000, 40001, 40002), null);
        List<Integer> free = service.findFree(2, 2);
        assertEquals(Set.of(40003, 40004), new HashSet<>(free));
        assertEquals(3, service.list(2).size());
        expect(() -> service.findFree(2, 3));
    }

    /**
     * Two independent services (as two servers would be) on the same database, 16 threads, a range of 100 ports:
     * every port handed out once, the rest refused as "no free port", never a duplicate.
     */
    @Test
    public void twoServersOnOneDatabaseNeverHandOutAPortTwice() throws Exception {
        DerbyJpa second = DerbyJpa.open("armada-ports", dir);
        try {
            PortServiceImpl a = new PortServiceImpl(new JpaPortsDao(new JpaStore(jpa)), owners, new Random(1));
            PortServiceImpl b = new PortServiceImpl(new JpaPortsDao(new JpaStore(second)), owners, new Random(1));
            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                PortServiceImpl s = t % 2 == 0 ? a : b;
                long entity = t;
                results.add(pool.submit(() -> {
                    go.await();
                    List<Integer> mine = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        try {
                            mine.addAll(s.allocate(1, "game", entity, Arrays.asList((Integer) null), null));
                        } catch (ApiException e) {
                            if (!e.getMessage().startsWith("No free port left")) {
                                throw e;
                            }
                        }
                    }
                    return mine;
                }));
            }
            go.countDown();
            List<Integer> all = new ArrayList<>();
            for (Future<List<Integer>> f : results) {
                all.addAll(f.get(120, TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertEquals("every port of the range handed out", 100, all.size());
            assertEquals("no port handed out twice", 100, new HashSet<>(all).size());
            assertEquals(100, service.list(1).size());
        } finally {
            second.close();
        }
    }

    private static ApiException expect(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            return e;
        }
        fail("no ApiException");
        return null;
    }

    /** Issue 10: an agent the directory does not know is goperation's NoResultFound (404). */
    @Test
    public void unknownAgentIsNotFound() {
        ApiException e = org.junit.Assert.assertThrows(ApiException.class, () -> service.owner(99));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals("agents id [99] can not be found", e.getMessage());
        assertEquals(ErrorKind.NOT_FOUND, org.junit.Assert.assertThrows(ApiException.class,
                () -> service.findFree(99, 1)).kind());
    }
}
