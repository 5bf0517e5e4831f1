package io.armada.monitor.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** The Prometheus text format writer. */
public class MetricsTextTest {

    @Test
    public void writesFamiliesSamplesAndEscapedLabels() {
        MetricsText m = new MetricsText(64);
        m.family("node_load1", "gauge", "1m load average.").sample("node_load1", 0.25);
        m.family("node_filesystem_size_bytes", "gauge", "Filesystem size in bytes.")
                .sample("node_filesystem_size_bytes", 1024L, "device", "/dev/sda1", "mountpoint", "/mnt/a \"b\"\\c\nd");
        m.family("x", "counter", "h").sample("x", 3.0).sample("x", Double.NaN).sample("x", 12.5, "cpu", "0");
        assertEquals("# HELP node_load1 1m load average.\n# TYPE node_load1 gauge\nnode_load1 0.25\n"
                + "# HELP node_filesystem_size_bytes Filesystem size in bytes.\n"
                + "# TYPE node_filesystem_size_bytes gauge\n"
                + "node_filesystem_size_bytes{device=\"/dev/sda1\",mountpoint=\"/mnt/a \\\"b\\\"\\\\c\\nd\"} 1024\n"
                + "# HELP x h\n# TYPE x counter\nx 3\nx NaN\nx{cpu=\"0\"} 12.5\n", m.toString());
    }
}
