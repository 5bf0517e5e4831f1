package io.armada.monitor.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;

/** List settings come as arrays from metatype and as one comma-separated string from a .cfg file. */
public class ConfigListTest {

    @Test
    public void listsAreSplitOnCommasAndTrimmed() {
        assertEquals(List.of("libvirtd", "sshd"), MonitorSettings.list(new String[] {"libvirtd, sshd"}));
        assertEquals(List.of("a", "b", "c"), MonitorSettings.list(new String[] {"a", " b,c ", ""}));
        assertEquals(List.of(), MonitorSettings.list(new String[] {""}));
        assertEquals(List.of(), MonitorSettings.list(null));
    }
}
