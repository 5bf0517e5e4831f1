package io.armada.monitor.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

import io.armada.monitor.CpuFigures;
import io.armada.monitor.CpuvtFigures;
import io.armada.monitor.DiskFigures;
import io.armada.monitor.DiskIoFigures;
import io.armada.monitor.MemoryFigures;
import io.armada.monitor.MonitorService;
import io.armada.monitor.NetworkFigures;
import io.armada.monitor.NetworkIoFigures;
import io.armada.monitor.ResourceFigures;
import io.armada.monitor.ServiceFigures;
import io.armada.monitor.VmFigures;

public class ResourceRouteTest {

    @Test
    public void theAnswerIsTheMonitorEnvelopeWrittenOncePerSetOfFigures() throws Exception {
        AtomicReference<ResourceFigures> figures = new AtomicReference<>(figures(1));
        MonitorService monitor = (MonitorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MonitorService.class}, (p, m, a) -> {
                    if (m.getName().equals("resource")) {
                        return figures.get();
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        ResourceRoute route = new ResourceRoute(monitor);
        byte[] first = route.answer();
        String text = new String(first, StandardCharsets.UTF_8);
        assertTrue(text, text.startsWith("{\"code\":0,\"msg\":\"成功\",\"data\":{\"cpu\":{\"numbers\":2,\"utc\":1,"));
        assertTrue(text, text.endsWith(",\"service\":{\"utc\":1,\"sshd\":\"running\"},\"utc\":1}}"));
        assertSame("the same figures are not written again", first, route.answer());

        figures.set(figures(2));
        byte[] next = route.answer();
        assertNotSame(first, next);
        assertTrue(new String(next, StandardCharsets.UTF_8).endsWith(",\"utc\":2}}"));
    }

    /** Every figure at one second, with one service. */
    private static ResourceFigures figures(long utc) {
        return new ResourceFigures(new CpuFigures(2, 12.5, utc), new MemoryFigures(100, 40, 60.0, utc),
                new DiskFigures(Map.of(), utc), new NetworkFigures(Map.of(), utc), new VmFigures(0, utc),
                new DiskIoFigures(Map.of(), utc), new NetworkIoFigures(Map.of(), utc), new CpuvtFigures(false, "n1"),
                new ServiceFigures(Map.of("sshd", "running"), utc), utc);
    }
}
