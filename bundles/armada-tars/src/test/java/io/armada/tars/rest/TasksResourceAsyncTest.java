package io.armada.tars.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.ws.rs.container.AsyncResponse;
import javax.ws.rs.container.TimeoutHandler;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.UriInfo;

import org.junit.Test;

import io.armada.core.ApiException;
import io.armada.core.Envelopes;
import io.armada.core.ErrorKind;
import io.armada.tars.TargetResult;
import io.armada.tars.TarsTasks;

/**
 * The routes that answer the nodes' results do not hold the request thread: the resource method returns while the
 * nodes' calls still run (the request is suspended), and the suspended request is answered when they end, with the
 * rows, the failure, or the dialect's "unavailable" when the wait runs out.
 */
public class TasksResourceAsyncTest {

    /** An AsyncResponse that records what it was resumed with. */
    static final class Suspended {
        final List<Object> resumed = new ArrayList<>();
        TimeoutHandler timeoutHandler;
        long timeoutSeconds = -1;
        final AsyncResponse response = (AsyncResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AsyncResponse.class}, this::handle);

        private Object handle(Object proxy, Method m, Object[] args) {
            switch (m.getName()) {
                case "resume":
                    synchronized (resumed) {
                        resumed.add(args[0]);
                    }
                    return true;
                case "setTimeoutHandler":
                    timeoutHandler = (TimeoutHandler) args[0];
                    return null;
                case "setTimeout":
                    timeoutSeconds = ((TimeUnit) args[1]).toSeconds((Long) args[0]);
                    return true;
                default:
                    throw new UnsupportedOperationException(m.getName());
            }
        }

        Object only() {
            synchronized (resumed) {
                assertEquals("resumed once: " + resumed, 1, resumed.size());
                return resumed.get(0);
            }
        }
    }

    /** TarsTasks whose node calls end when the test says so. */
    static final class SlowNodes {
        final CompletableFuture<List<TargetResult>> commands = new CompletableFuture<>();
        final CompletableFuture<String> load = new CompletableFuture<>();
        final List<String> calls = new ArrayList<>();
        final TarsTasks tasks = (TarsTasks) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TarsTasks.class}, (p, m, a) -> {
                    calls.add(m.getName());
                    switch (m.getName()) {
                        case "sendCommand":
                        case "pushConfig":
                            return commands;
                        case "loadServer":
                            return load;
                        default:
                            throw new UnsupportedOperationException(m.getName());
                    }
                });
    }

    private static UriInfo query(String... kv) {
        MultivaluedHashMap<String, String> q = new MultivaluedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            q.add(kv[i], kv[i + 1]);
        }
        return (UriInfo) Proxy.newProxyInstance(TasksResourceAsyncTest.class.getClassLoader(),
                new Class<?>[] {UriInfo.class}, (p, m, a) -> {
                    if ("getQueryParameters".equals(m.getName())) {
                        return q;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    public void sendCommandReturnsWhileTheNodesWorkAndAnswersWhenTheyEnd() {
        SlowNodes nodes = new SlowNodes();
        Suspended s = new Suspended();
        new TasksResource(nodes.tasks).sendCommand(query("server_ids", "3;4", "command", "hello"), null, s.response);
        // the request thread is back, the nodes have not answered: nothing was resumed yet
        assertEquals(List.of("sendCommand"), nodes.calls);
        assertTrue("nothing answered while the nodes work", s.resumed.isEmpty());
        assertEquals(TasksResource.MAX_WAIT_SECONDS, s.timeoutSeconds);

        nodes.commands.complete(List.of(new TargetResult(3, "A", "B", "10.0.0.1", 0, "hello back"),
                new TargetResult(4, "A", "B", "10.0.0.2", -1, "no such command")));
        Envelopes.Tars env = (Envelopes.Tars) s.only();
        assertEquals(200, env.retCode());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) env.data();
        assertEquals(2, rows.size());
        assertEquals(3L, rows.get(0).get("server_id"));
        assertEquals("hello back", rows.get(0).get("err_msg"));
        assertEquals(-1, rows.get(1).get("ret_code"));
    }

    @Test
    public void aFailureOfTheNodesCallsIsTheAnswer() {
        SlowNodes nodes = new SlowNodes();
        Suspended s = new Suspended();
        new TasksResource(nodes.tasks).pushConfig(query("ids", "7"), null, s.response);
        assertTrue(s.resumed.isEmpty());
        nodes.commands.completeExceptionally(ApiException.unavailable("the agents area is not installed"));
        ApiException e = (ApiException) s.only();
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
    }

    @Test
    public void aFailureWrappedByADependentStageIsUnwrapped() {
        SlowNodes nodes = new SlowNodes();
        Suspended s = new Suspended();
        new TasksResource(nodes.tasks).loadServer(query("application", "A", "server_name", "B", "node_name", "n"),
                null, s.response);
        nodes.load.completeExceptionally(new java.util.concurrent.CompletionException(ApiException.notFound("no B")));
        assertEquals(ErrorKind.NOT_FOUND, ((ApiException) s.only()).kind());
    }

    @Test
    public void loadServerAnswersTheNodesText() {
        SlowNodes nodes = new SlowNodes();
        Suspended s = new Suspended();
        new TasksResource(nodes.tasks).loadServer(query("application", "A", "server_name", "B", "node_name", "n"),
                null, s.response);
        assertTrue(s.resumed.isEmpty());
        nodes.load.complete("written 2 files");
        assertEquals("written 2 files", ((Envelopes.Tars) s.only()).data());
    }

    @Test
    public void aWaitThatRunsOutAnswersUnavailable() {
        SlowNodes nodes = new SlowNodes();
        Suspended s = new Suspended();
        new TasksResource(nodes.tasks).sendCommand(query("server_ids", "3", "command", "x"), null, s.response);
        assertNotNull("a timeout handler is set", s.timeoutHandler);
        s.timeoutHandler.handleTimeout(s.response);
        ApiException e = (ApiException) s.only();
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage(), e.getMessage().contains("did not answer"));
    }

    @Test(expected = ApiException.class)
    public void badInputIsRefusedBeforeAnyNodeIsCalled() {
        SlowNodes nodes = new SlowNodes();
        try {
            new TasksResource(nodes.tasks).sendCommand(query("server_ids", "x", "command", "x"), null,
                    new Suspended().response);
        } finally {
            assertTrue(nodes.calls.isEmpty());
        }
    }
}
