package io.armada.monitor.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.armada.core.ApiException;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.ErrorKind;
import io.armada.monitor.MonitorService;
import io.armada.monitor.ResourceStatis;

/**
 * The GET forms of port_status and resource_statis read their JSON body themselves (a GET often comes without a
 * Content-Type): they keep the 1 MiB limit of every other body (M5), so a huge body is the dialect's refusal, never
 * an OutOfMemoryError.
 */
public class MonitorResourceTest {
    private final List<String> calls = new ArrayList<>();

    private final MonitorService monitor = (MonitorService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {MonitorService.class}, (p, m, a) -> {
                calls.add(m.getName() + " " + a[0]);
                if (m.getName().equals("portStatus")) {
                    return Map.of(1, false);
                }
                if (m.getName().equals("resourceStatis")) {
                    return new ResourceStatis("0.00", Map.of(), "0.00", Map.of(), 1);
                }
                throw new UnsupportedOperationException(m.getName());
            });

    private final MonitorResource resource = new MonitorResource(monitor, null);

    /** A body that never ends: a bounded reader stops after the limit, an unbounded one never returns. */
    private static InputStream endless(String start) {
        byte[] head = start.getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            private long read;

            @Override
            public int read() {
                return (int) (read < head.length ? head[(int) read++] : bump(' '));
            }

            private int bump(char c) {
                read++;
                if (read > 2 * ArmadaJaxrs.MAX_JSON_BYTES) {
                    throw new AssertionError("read past twice the limit");
                }
                return c;
            }
        };
    }

    private static InputStream unread() {
        return new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("a body declared over the limit is not read");
            }
        };
    }

    private static ErrorKind refusal(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            return e.kind();
        }
        fail("expected a refusal");
        return null;
    }

    @Test
    public void aGetBodyOverTheLimitIsRefusedAsTooLarge() {
        assertEquals(ErrorKind.TOO_LARGE, refusal(() -> resource.portStatusGet(null, null, endless("{\"ports\":\"1\"}"))));
        assertEquals(ErrorKind.TOO_LARGE,
                refusal(() -> resource.resourceStatisGet(null, null, endless("{\"statis_period\":2}"))));
        String declared = Long.toString(ArmadaJaxrs.MAX_JSON_BYTES + 1);
        assertEquals(ErrorKind.TOO_LARGE, refusal(() -> resource.portStatusGet(null, declared, unread())));
        assertEquals(ErrorKind.TOO_LARGE, refusal(() -> resource.resourceStatisGet(null, declared, unread())));
        assertEquals("nothing reached the monitor", List.of(), calls);
    }

    @Test
    public void aGetBodyWithinTheLimitIsReadAsBefore() {
        String padded = "{\"ports\":\"1\"}" + " ".repeat((int) ArmadaJaxrs.MAX_JSON_BYTES - 20);
        resource.portStatusGet(null, null, new ByteArrayInputStream(padded.getBytes(StandardCharsets.UTF_8)));
        resource.resourceStatisGet(null, "20", new ByteArrayInputStream("{\"statis_period\":2}".getBytes(StandardCharsets.UTF_8)));
        resource.portStatusGet("5", null, unread());
        // no body at all: port_status leaves "ports is required" to the service, resource_statis says it itself
        resource.portStatusGet(null, null, InputStream.nullInputStream());
        assertEquals(List.of("portStatus 1", "resourceStatis 2", "portStatus 5", "portStatus null"), calls);
        assertEquals(ErrorKind.BAD_REQUEST, refusal(() -> resource.resourceStatisGet(null, null, null)));
        assertEquals(ErrorKind.BAD_REQUEST, refusal(() -> resource.portStatusGet(null, null,
                new ByteArrayInputStream("ports=1".getBytes(StandardCharsets.UTF_8)))));
        assertEquals(4, calls.size());
    }
}
