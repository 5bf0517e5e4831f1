package io.armada.agents.internal;

import static io.armada.agents.internal.AgentRulesTest.bad;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

public class NodeReportTest {
    private static final ObjectMapper M = new ObjectMapper();

    static String resource(String uuid, String host) {
        return "{\"hostname\":\"" + host + "\",\"ip\":\"10.0.0.5\",\"utc\":1577179877,\"type\":\"resource\","
                + "\"node_uuid\":\"" + uuid + "\",\"port\":50002,\"ports_range\":[\"30000-40000\"],"
                + "\"data\":{\"cpu\":{\"numbers\":4,\"utilization\":20.6},"
                + "\"memory\":{\"available\":4958343168,\"total\":8589934592,\"utilization\":30.6},"
                + "\"disk\":{\"/\":{\"type\":1,\"total\":10737418240,\"used\":1,\"utilization\":1.0},"
                + "\"/boot\":{\"type\":1,\"total\":1073741824,\"used\":1,\"utilization\":1.0}},"
                + "\"diskio\":{},\"networkio\":{}}}";
    }

    private static JsonNode json(String s) throws Exception {
        return M.readTree(s);
    }

    @Test
    public void resourceReportsCarryTheFigures() throws Exception {
        NodeReport r = NodeReport.parse(json(resource("u-1", "zhouli33")));
        assertTrue(r.resource());
        assertEquals("u-1", r.nodeUuid());
        assertEquals("zhouli33", r.hostname());
        assertEquals("10.0.0.5", r.ip());
        assertEquals(Integer.valueOf(50002), r.port());
        assertEquals(List.of("30000-40000"), r.portsRange());
        assertEquals(4, r.cpu());
        assertEquals(8192, r.memoryMb());
        assertEquals(11264, r.diskMb());
    }

    @Test
    public void serviceReportsHaveNoFigures() throws Exception {
        NodeReport r = NodeReport.parse(json("{\"hostname\":\"h\",\"ip\":\"10.0.0.5\",\"utc\":1,\"type\":\"service\","
                + "\"node_uuid\":\"u-2\",\"data\":{\"httpd\":\"running\"}}"));
        assertFalse(r.resource());
        assertEquals(0, r.cpu());
        assertNull(r.portsRange());
        assertEquals(Integer.valueOf(NodeReport.DEFAULT_NODE_PORT), r.port());
    }

    @Test
    public void badReportsAreRefused() throws Exception {
        String ok = resource("u-1", "h");
        bad(() -> parse("[]"), "must be an object");
        bad(() -> parse(ok.replace("\"resource\"", "\"other\"")), "'type' must be resource or service");
        bad(() -> parse(ok.replace("\"node_uuid\":\"u-1\",", "")), "'node_uuid' is required");
        bad(() -> parse(ok.replace("\"hostname\":\"h\"", "\"hostname\":\"bad host\"")), "not a valid hostname");
        bad(() -> parse(ok.replace("\"ip\":\"10.0.0.5\"", "\"ip\":5")), "'ip' must be a string");
        bad(() -> parse(ok.replace("\"port\":50002", "\"port\":70000")), "'port' must be a port number");
        bad(() -> parse(ok.replace("30000-40000", "100-2000")), "Port 1-1024 is not allowed");
        bad(() -> parse(ok.replace("\"numbers\":4", "\"numbers\":\"four\"")), "data.cpu.numbers");
        bad(() -> parse(ok.replace("\"utc\":1577179877", "\"utc\":\"x\"")), "'utc' must be a number");
        bad(() -> parse("{\"hostname\":\"h\",\"ip\":\"10.0.0.1\",\"type\":\"service\",\"node_uuid\":\"u\"}"), "'data'");
        // review L7: numbers past the range of a long are refused, not wrapped
        bad(() -> parse(ok.replace("\"numbers\":4", "\"numbers\":99999999999999999999")), "data.cpu.numbers");
        bad(() -> parse(ok.replace("\"numbers\":4", "\"numbers\":4294967297")), "data.cpu.numbers");
        bad(() -> parse(ok.replace("\"port\":50002", "\"port\":4294967297")), "'port' must be a port number");
    }

    @Test
    public void theAddressIsAnIpLiteralAndNothingElse() throws Exception {
        String ok = resource("u-1", "h");
        // review M2: the server calls this address with the token
        for (String ip : new String[] {"i", "10.0.0.7:2375/x?", "evil.example/#", "evil.example", "localhost",
                "10.0.0.256", "10.0.0", "1.2.3.4.5", "::1/x", "[::1]", "user@10.0.0.1", "2130706433", "0x7f.0.0.1"}) {
            bad(() -> parse(ok.replace("\"ip\":\"10.0.0.5\"", "\"ip\":\"" + ip + "\"")), "'ip' must be an IPv4 or IPv6");
        }
        for (String ip : new String[] {"10.0.0.5", "0.0.0.0", "255.255.255.255", "::1", "fe80::1", "2001:db8::17",
                "::ffff:10.0.0.1"}) {
            assertEquals(ip, NodeReport.parse(json(ok.replace("\"ip\":\"10.0.0.5\"", "\"ip\":\"" + ip + "\""))).ip());
        }
    }

    private static void parse(String s) {
        try {
            NodeReport.parse(json(s));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
