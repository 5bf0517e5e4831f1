package io.armada.monitor.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

import io.armada.monitor.MonitorService;

public class ResourceRouteTest {

    @Test
    public void theAnswerIsTheMonitorEnvelopeWrittenOncePerSetOfFigures() throws Exception {
        AtomicReference<Map<String, Object>> figures = new AtomicReference<>(Map.of("utc", 1));
        MonitorService monitor = (MonitorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MonitorService.class}, (p, m, a) -> {
                    if (m.getName().equals("resource")) {
                        return figures.get();
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        ResourceRoute route = new ResourceRoute(monitor);
        byte[] first = route.answer();
        assertEquals("{\"code\":0,\"msg\":\"成功\",\"data\":{\"utc\":1}}", new String(first, StandardCharsets.UTF_8));
        assertSame("the same figures are not written again", first, route.answer());

        figures.set(Map.of("utc", 2));
        byte[] next = route.answer();
        assertNotSame(first, next);
        assertEquals("{\"code\":0,\"msg\":\"成功\",\"data\":{\"utc\":2}}", new String(next, StandardCharsets.UTF_8));
    }
}
