package io.armada.monitor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.armada.monitor.IpSettings;

/** IP configuration on ifcfg files in a temporary folder, with recording stand-ins for ifup and ifdown. */
public class IfcfgTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path scripts;
    private Path log;
    private Path ifup;
    private Path ifdown;
    private Path failing;
    private int networkChanges;

    @Before
    public void setUp() throws IOException {
        Path dir = tmp.getRoot().toPath();
        scripts = Files.createDirectories(dir.resolve("network-scripts"));
        log = dir.resolve("calls.log");
        ifup = TestSupport.recorder(dir, "ifup.sh", log, 0);
        ifdown = TestSupport.recorder(dir, "ifdown.sh", log, 0);
        failing = TestSupport.recorder(dir, "fail.sh", log, 1);
    }

    private NodeControlImpl control(Path up, Path down, boolean allowed) {
        return new NodeControlImpl(TestSupport.config(Map.of("network_scripts_dir", scripts.toString(),
                "command_ifup", up.toString(), "command_ifdown", down.toString(), "allow_ip_config", allowed)), null,
                (action, delay) -> action.run(), () -> networkChanges++, tmp.getRoot().toPath(), Set.of("eth0", "ens192")::contains, () -> false, (s, u, p) -> false);
    }

    private static IpSettings ip(String name, String ip) {
        return new IpSettings(name, ip, "255.255.255.0", "172.16.1.254", "8.8.8.8", "114.114.114.114");
    }

    private String file(String name) throws IOException {
        return Files.readString(scripts.resolve("ifcfg-" + name));
    }

    @Test
    public void addWritesAFullStaticFileAndBringsItUp() throws IOException {
        NodeControlImpl c = control(ifup, ifdown, true);
        assertEquals(Map.of("name", "eth0:0"), c.addIp(ip("eth0:0", "172.16.1.34")));
        String f = file("eth0:0");
        for (String line : new String[] {"BOOTPROTO=static", "NAME=eth0:0", "DEVICE=eth0:0", "ONBOOT=yes",
                "IPADDR=172.16.1.34", "NETMASK=255.255.255.0", "GATEWAY=172.16.1.254", "DNS1=8.8.8.8",
                "DNS2=114.114.114.114"}) {
            assertTrue(f, f.contains(line + "\n"));
        }
        assertTrue(f, f.matches("(?s).*UUID=[0-9a-f-]{36}\n.*"));
        assertEquals(List.of("eth0:0"), TestSupport.calls(log));
        assertTrue(networkChanges > 0);
        // again: exists
        assertEquals(40311, TestSupport.code(() -> c.addIp(ip("eth0:0", "172.16.1.35"))));
        assertTrue(file("eth0:0").contains("IPADDR=172.16.1.34\n"));
    }

    @Test
    public void dns2MayBeAbsent() throws IOException {
        control(ifup, ifdown, true).addIp(new IpSettings("eth0:1", "10.0.0.2", "255.0.0.0", "10.0.0.1", "10.0.0.53", null));
        assertFalse(file("eth0:1").contains("DNS2"));
    }

    @Test
    public void invalidAddressesAre40303AndWriteNothing() throws IOException {
        NodeControlImpl c = control(ifup, ifdown, true);
        List<IpSettings> bad = List.of(
                ip("eth0:0", "172.16.1.256"), ip("eth0:0", "172.16.1"), ip("eth0:0", "a.b.c.d"),
                new IpSettings("eth0:0", "10.0.0.2", "255.0.255.0", "10.0.0.1", null, null),
                new IpSettings("eth0:0", "10.0.0.2", "0.0.0.0", "10.0.0.1", null, null),
                new IpSettings("eth0:0", "10.0.0.2", "255.255.255.0", "10.0.0.300", null, null),
                new IpSettings("eth0:0", "10.0.0.2", "255.255.255.0", "10.0.0.1", "dns", null),
                new IpSettings("eth0:0", "10.0.0.2", "255.255.255.0", "10.0.0.1", null, "1.2.3.4.5"),
                new IpSettings("../../etc/passwd", "10.0.0.2", "255.255.255.0", "10.0.0.1", null, null),
                new IpSettings("eth0:0\nX=1", "10.0.0.2", "255.255.255.0", "10.0.0.1", null, null),
                new IpSettings("-eth0", "10.0.0.2", "255.255.255.0", "10.0.0.1", null, null));
        for (IpSettings s : bad) {
            assertEquals(s.toString(), 40303, TestSupport.code(() -> c.addIp(s)));
        }
        try (var list = Files.list(scripts)) {
            assertEquals(0, list.count());
        }
        assertEquals(List.of(), TestSupport.calls(log));
    }

    @Test
    public void missingFieldsAre88888() {
        NodeControlImpl c = control(ifup, ifdown, true);
        assertEquals(88888, TestSupport.code(() -> c.addIp(new IpSettings(null, "10.0.0.2", "255.0.0.0", "10.0.0.1", null, null))));
        assertEquals(88888, TestSupport.code(() -> c.addIp(new IpSettings("eth0:0", null, "255.0.0.0", "10.0.0.1", null, null))));
        assertEquals(88888, TestSupport.code(() -> c.addIp(new IpSettings("eth0:0", "10.0.0.2", "", "10.0.0.1", null, null))));
        assertEquals(88888, TestSupport.code(() -> c.addIp(new IpSettings("eth0:0", "10.0.0.2", "255.0.0.0", null, null, null))));
        assertEquals(88888, TestSupport.code(() -> c.addIp(null)));
    }

    @Test
    public void aNicThatIsNotPhysicalIs40304() {
        assertEquals(40304, TestSupport.code(() -> control(ifup, ifdown, true).addIp(ip("virbr0:0", "10.0.0.2"))));
        assertEquals(40304, TestSupport.code(() -> control(ifup, ifdown, true).exchangeIp("eth0", "lo")));
    }

    @Test
    public void updateRewritesTheAddressesAndKeepsTheRest() throws IOException {
        Files.writeString(scripts.resolve("ifcfg-ens192"), "TYPE=Ethernet\nBOOTPROTO=dhcp\nNAME=ens192\nDEVICE=ens192\n"
                + "UUID=1234\nHWADDR=00:0c:29:b1:24:74\nIPADDR=1.1.1.1\nPREFIX=24\nDNS2=9.9.9.9\nONBOOT=yes\n");
        NodeControlImpl c = control(ifup, ifdown, true);
        assertEquals(Map.of("name", "ens192"),
                c.updateIp(new IpSettings("ens192", "172.16.1.33", "255.255.255.0", "172.16.1.1", "114.114.114.114", null)));
        String f = file("ens192");
        assertEquals("TYPE=Ethernet\nBOOTPROTO=static\nNAME=ens192\nDEVICE=ens192\nUUID=1234\n"
                + "HWADDR=00:0c:29:b1:24:74\nIPADDR=172.16.1.33\nONBOOT=yes\nNETMASK=255.255.255.0\n"
                + "GATEWAY=172.16.1.1\nDNS1=114.114.114.114\n", f);
        assertEquals(40306, TestSupport.code(() -> c.updateIp(ip("eth0:9", "10.0.0.2"))));
    }

    @Test
    public void aFailingIfupRollsBack() throws IOException {
        NodeControlImpl c = control(failing, ifdown, true);
        assertEquals(40307, TestSupport.code(() -> c.addIp(ip("eth0:0", "172.16.1.34"))));
        assertFalse(Files.exists(scripts.resolve("ifcfg-eth0:0")));
        String before = "DEVICE=eth0\nIPADDR=1.1.1.1\nNETMASK=255.0.0.0\n";
        Files.writeString(scripts.resolve("ifcfg-eth0"), before);
        assertEquals(40308, TestSupport.code(() -> c.updateIp(ip("eth0", "172.16.1.34"))));
        assertEquals(before, file("eth0"));
    }

    /** An ifup that records its argument and fails the first time it is asked for {@code name}. */
    private Path failsOnceFor(String name) throws IOException {
        Path marker = tmp.getRoot().toPath().resolve("failed-once");
        return TestSupport.script(tmp.getRoot().toPath(), "ifup-once.sh", String.join("\n",
                "echo \"$*\" >> '" + log + "'",
                "if [ \"$1\" = '" + name + "' ] && [ ! -f '" + marker + "' ]; then touch '" + marker + "'; exit 1; fi",
                "exit 0"));
    }

    @Test
    public void aFailedUpdateBringsTheNicUpAgainWithItsOldFile() throws IOException {
        String before = "DEVICE=eth0\nIPADDR=1.1.1.1\nNETMASK=255.0.0.0\n";
        Files.writeString(scripts.resolve("ifcfg-eth0"), before);
        NodeControlImpl c = control(failsOnceFor("eth0"), ifdown, true);
        assertEquals(40308, TestSupport.code(() -> c.updateIp(ip("eth0", "172.16.1.34"))));
        assertEquals(before, file("eth0"));
        assertEquals("ifup with the new file, then again with the old one", List.of("eth0", "eth0"),
                TestSupport.calls(log));
    }

    @Test
    public void aFailedExchangeBringsBothNicsUpAgainWithTheirOldFiles() throws IOException {
        Files.writeString(scripts.resolve("ifcfg-eth0"), "NAME=eth0\nDEVICE=eth0\nIPADDR=10.0.0.1\n");
        Files.writeString(scripts.resolve("ifcfg-eth0:0"), "NAME=eth0:0\nDEVICE=eth0:0\nIPADDR=10.0.0.2\n");
        NodeControlImpl c = control(failsOnceFor("eth0:0"), ifdown, true);
        assertEquals(40310, TestSupport.code(() -> c.exchangeIp("eth0", "eth0:0")));
        assertEquals("NAME=eth0\nDEVICE=eth0\nIPADDR=10.0.0.1\n", file("eth0"));
        assertEquals("NAME=eth0:0\nDEVICE=eth0:0\nIPADDR=10.0.0.2\n", file("eth0:0"));
        // eth0 was up with eth0:0's address: both come up again with their own files
        assertEquals(List.of("eth0", "eth0:0", "eth0", "eth0:0"), TestSupport.calls(log));
    }

    @Test
    public void deleteRefusesMainNicsAndMissingFiles() throws IOException {
        NodeControlImpl c = control(ifup, ifdown, true);
        Files.writeString(scripts.resolve("ifcfg-eth0"), "DEVICE=eth0\n");
        assertEquals(40305, TestSupport.code(() -> c.deleteIp("eth0")));
        assertTrue(Files.exists(scripts.resolve("ifcfg-eth0")));
        assertEquals(40306, TestSupport.code(() -> c.deleteIp("eth0:7")));
        assertEquals(88888, TestSupport.code(() -> c.deleteIp(null)));
        c.addIp(ip("eth0:1", "10.1.1.1"));
        c.deleteIp("eth0:1");
        assertFalse(Files.exists(scripts.resolve("ifcfg-eth0:1")));
        assertEquals(List.of("eth0:1", "eth0:1"), TestSupport.calls(log)); // ifup at add, ifdown at delete
        Files.writeString(scripts.resolve("ifcfg-eth0:2"), "DEVICE=eth0:2\n");
        assertEquals(40309, TestSupport.code(() -> control(ifup, failing, true).deleteIp("eth0:2")));
        assertTrue(Files.exists(scripts.resolve("ifcfg-eth0:2")));
    }

    @Test
    public void exchangeSwapsTheConfigurationsAndRenamesTheDevices() throws IOException {
        Files.writeString(scripts.resolve("ifcfg-eth0"), "NAME=eth0\nDEVICE=eth0\nIPADDR=10.0.0.1\n");
        Files.writeString(scripts.resolve("ifcfg-eth0:0"), "NAME=eth0:0\nDEVICE=eth0:0\nIPADDR=10.0.0.2\n");
        NodeControlImpl c = control(ifup, ifdown, true);
        assertEquals(Map.of("name1", "eth0:0", "name2", "eth0"), c.exchangeIp("eth0", "eth0:0"));
        assertEquals("NAME=eth0\nDEVICE=eth0\nIPADDR=10.0.0.2\n", file("eth0"));
        assertEquals("NAME=eth0:0\nDEVICE=eth0:0\nIPADDR=10.0.0.1\n", file("eth0:0"));
        assertEquals(40306, TestSupport.code(() -> c.exchangeIp("eth0", "eth0:5")));
        assertEquals(40310, TestSupport.code(() -> control(failing, ifdown, true).exchangeIp("eth0", "eth0:0")));
        assertEquals("NAME=eth0\nDEVICE=eth0\nIPADDR=10.0.0.2\n", file("eth0"));
        assertEquals(88888, TestSupport.code(() -> c.exchangeIp("eth0", null)));
    }

    @Test
    public void switchedOffIsOtherErrorAndTouchesNothing() throws IOException {
        NodeControlImpl c = control(ifup, ifdown, false);
        assertEquals(-1, TestSupport.code(() -> c.addIp(ip("eth0:0", "10.0.0.2"))));
        assertFalse(Files.exists(scripts.resolve("ifcfg-eth0:0")));
        assertEquals(List.of(), TestSupport.calls(log));
    }

    @Test
    public void masksAndPrefixes() {
        assertEquals("255.255.255.0", Ifcfg.prefixToMask(24));
        assertEquals("255.255.240.0", Ifcfg.prefixToMask(20));
        assertEquals("0.0.0.0", Ifcfg.prefixToMask(0));
        assertEquals("255.255.255.255", Ifcfg.prefixToMask(32));
        assertTrue(Ifcfg.validNetmask("255.255.255.255"));
        assertFalse(Ifcfg.validNetmask("255.255.0.255"));
        assertEquals("eth0", Ifcfg.base("eth0:1"));
    }

    @Test
    public void thePhysicalNicTestFollowsSysfs() {
        assertFalse(Figures.isPhysicalNic("lo"));
        assertFalse(Figures.isPhysicalNic("../../etc"));
        assertFalse(Figures.isPhysicalNic("no-such-nic0"));
    }
}
