package io.armada.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * SPEC §5 and §9 across a crash, on the archive as a user runs it: 300 acknowledged block-list adds, {@code kill -9}
 * of the JVM, a restart; every add is still there, and the domain counter is not behind: it counts at least every
 * change committed before the kill, and it moved past the last value a client saw, so a client polling it re-reads.
 */
public class BlocklistsDurabilityIT {
    private static final String TOKEN = "blocklists-durability-token-0123456789abcdef";
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static Instance server;

    @BeforeClass
    public static void start() throws Exception {
        Path work = Path.of(System.getProperty("armada.itest.work", "target/it"));
        server = Instance.unpack(work, "blocklists-durability").env("ARMADA_TOKEN", TOKEN);
        server.start();
        awaitRoutes();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (server != null && server.running()) {
            try {
                server.stop();
            } catch (Exception | AssertionError e) {
                server.kill9();
            }
        }
    }

    private static Http http() {
        return server.http(TOKEN);
    }

    private static void awaitRoutes() {
        Http.await("block list and counter routes", DEADLINE,
                () -> http().get("/egg/domain/list").status() == 200 && http().get("/egg/counter/list").status() == 200);
    }

    private static long domainCounter() {
        JsonNode j = http().get("/egg/counter/list").json();
        assertEquals(j.toString(), 0, j.get("status").asInt());
        return j.get("data").get("counter_for_domain").asLong();
    }

    @Test
    public void acknowledgedAddsSurviveKill9AndTheCounterIsNotBehind() throws Exception {
        // the start bump of the block lists is asynchronous: let it land before counting from here
        Http.await("the start bump", DEADLINE, () -> domainCounter() >= 1);
        long before = domainCounter();

        int n = 300;
        Set<String> acknowledged = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String domain = "durable-" + i + ".example.com";
            JsonNode r = http().post("/egg/domain/add", "{\"domain\":\"" + domain + "\"}").json();
            assertEquals(r.toString(), 0, r.get("status").asInt());
            acknowledged.add(domain);
        }
        long lastSeen = domainCounter();
        assertEquals("each acknowledged add was counted", before + n, lastSeen);

        server.kill9();
        server.start();
        awaitRoutes();

        JsonNode rows = http().get("/egg/domain/list").json().get("data");
        Set<String> found = new HashSet<>();
        for (JsonNode row : rows) {
            found.add(row.get("domain").asText());
        }
        assertTrue("acknowledged adds lost: " + (n - found.stream().filter(acknowledged::contains).count()),
                found.containsAll(acknowledged));

        long committedSeen = before + n;
        long seen = lastSeen;
        Http.await("the counter past the last value seen before the kill", DEADLINE, () -> domainCounter() > seen);
        assertTrue("the counter is behind the committed changes", domainCounter() >= committedSeen);
    }
}
