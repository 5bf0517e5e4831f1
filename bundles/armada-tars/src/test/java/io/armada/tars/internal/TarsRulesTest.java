package io.armada.tars.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.List;

import org.junit.Test;

import io.armada.core.ApiException;
import io.armada.core.ErrorKind;
import io.armada.core.testing.ApiErrors;
import io.armada.tars.TreeNode;

/** Names, endpoints, servants, tree ids and the tree, without a database. */
public class TarsRulesTest {

    static void bad(Runnable r, String contains) {
        ApiException e = ApiErrors.expect(ErrorKind.BAD_REQUEST, r);
        org.junit.Assert.assertTrue(e.getMessage(), e.getMessage().contains(contains));
    }

    @Test
    public void namesNodesAndSets() {
        assertEquals("HelloServer", TarsRules.name(" HelloServer ", "server_name"));
        bad(() -> TarsRules.name("Hello.Server", "server_name"), "server_name may hold");
        bad(() -> TarsRules.name("", "application"), "application is required");
        bad(() -> TarsRules.name("a".repeat(129), "application"), "longer than 128");
        assertEquals("10.0.0.7", TarsRules.node("10.0.0.7", "node_name"));
        bad(() -> TarsRules.node("node7", "node_name"), "node's IP address");
        assertEquals("3", TarsRules.setGroup("3"));
        bad(() -> TarsRules.setGroup("x"), "a number");
        bad(() -> TarsRules.setName("a.b"), "set_name");
        assertEquals("tars_cpp", TarsRules.serverType(null));
        bad(() -> TarsRules.serverType("tars_rust"), "server_type must be one of");
    }

    @Test
    public void endpointsAreTarsWebsAndChecked() {
        assertEquals("tcp -h 10.0.0.7 -t 60000 -p 10001 -e 0", TarsRules.endpoint("tcp", "10.0.0.7", 10001, 0));
        assertEquals("udp -h 10.0.0.7 -p 9 -t 3000", TarsRules.endpoint(" udp -h 10.0.0.7 -p 9 -t 3000 ".trim()));
        assertEquals(Integer.valueOf(10001), TarsRules.endpointPort("tcp -h 10.0.0.7 -t 60000 -p 10001 -e 0"));
        assertEquals(Integer.valueOf(9), TarsRules.endpointPort("udp -h 10.0.0.7 -p 9"));
        assertNull(TarsRules.endpointPort("tcp -h 10.0.0.7"));
        bad(() -> TarsRules.endpoint("http://10.0.0.7:80"), "endpoint must look like");
        bad(() -> TarsRules.endpoint("tcp -h 10.0.0.7 -t 60000"), "endpoint -p is required");
        bad(() -> TarsRules.endpoint("tcp -h 10.0.0.7 -p 70000"), "port number");
        bad(() -> TarsRules.endpoint("tcp -h evil.example -p 80"), "-h with an IP address");
        bad(() -> TarsRules.endpoint("tcp -h 10.0.0.7 -p 80 -e 2"), "-e must be 0 or 1");
    }

    @Test
    public void aServantBelongsToItsServer() {
        assertEquals("App.Server.HelloObj", TarsRules.servant("App.Server.HelloObj", "App", "Server"));
        bad(() -> TarsRules.servant("Other.Server.HelloObj", "App", "Server"), "servant must be App.Server.");
        bad(() -> TarsRules.servant("App.Server.", "App", "Server"), "servant must be");
    }

    @Test
    public void treeIdsSelectAsTarsWeb() {
        assertEquals(new TreeSelector("App", null, null, null, null, null), TreeSelector.parse("1App"));
        assertEquals(new TreeSelector("App", "Srv", false, null, null, null), TreeSelector.parse("1App.5Srv"));
        assertEquals(new TreeSelector("App", "Srv", true, "s", "a", "1"), TreeSelector.parse("1App.2s.3a.41.5Srv"));
        assertEquals(new TreeSelector("App", null, true, "s", null, null), TreeSelector.parse("1App.2s"));
        bad(() -> TreeSelector.parse("App"), "is not a tree node id");
        bad(() -> TreeSelector.parse("1App..5Srv"), "is not a tree node id");
        bad(() -> TreeSelector.parse(""), "tree_node_id is required");
    }

    @Test
    public void theTreeNestsSetsUnderApplications() {
        List<TreeNode> roots = Trees.build(List.of(
                new ServerPosition("App", "A", false, null, null, null),
                new ServerPosition("App", "A", false, null, null, null),
                new ServerPosition("App", "B", true, "s", "a", "1"),
                new ServerPosition("Other", "C", false, null, null, null)));
        assertEquals(List.of("1App", "1Other"), roots.stream().map(TreeNode::id).toList());
        TreeNode app = roots.get(0);
        assertEquals("root", app.pid());
        assertEquals("App", app.name());
        assertEquals(List.of("1App.5A", "1App.2s"), app.children().stream().map(TreeNode::id).toList());
        TreeNode leaf = app.children().get(0);
        assertEquals("A", leaf.name());
        assertEquals(false, leaf.parent());
        TreeNode group = app.children().get(1).children().get(0).children().get(0);
        assertEquals("1App.2s.3a.41", group.id());
        assertEquals("1", group.name());
        assertEquals("1App.2s.3a.41.5B", group.children().get(0).id());
        assertEquals("1App.2s.3a.41", group.children().get(0).pid());
    }
}
