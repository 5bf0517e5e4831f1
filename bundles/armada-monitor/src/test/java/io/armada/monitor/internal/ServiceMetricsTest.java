package io.armada.monitor.internal;

import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

import io.armada.monitor.internal.servers.ServiceFigure;

/** The managed services' series of /metrics. */
public class ServiceMetricsTest {

    @Test
    public void givesStateProcessesCpuAndMemoryPerService() {
        String text = NodeMetrics.services(List.of(
                new ServiceFigure("demo", "echo", true, List.of(10L, 11L), 12.5, 3.25, 8192, 2),
                new ServiceFigure("demo", "idle", false, List.of(), 0, 0, 0, 1)));
        assertTrue(text, text.contains("armada_services_managed 2\n"));
        assertTrue(text, text.contains("armada_service_up{app=\"demo\",server=\"echo\"} 1\n"));
        assertTrue(text, text.contains("armada_service_up{app=\"demo\",server=\"idle\"} 0\n"));
        assertTrue(text, text.contains("armada_service_processes{app=\"demo\",server=\"echo\"} 2\n"));
        assertTrue(text, text.contains("armada_service_cpu_seconds_total{app=\"demo\",server=\"echo\"} 3.25\n"));
        assertTrue(text, text.contains("armada_service_cpu_percent{app=\"demo\",server=\"echo\"} 12.5\n"));
        assertTrue(text, text.contains("armada_service_resident_memory_bytes{app=\"demo\",server=\"echo\"} 8192\n"));
        assertTrue(text, text.contains("# TYPE armada_service_cpu_seconds_total counter\n"));
    }
}
