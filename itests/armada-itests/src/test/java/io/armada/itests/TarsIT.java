package io.armada.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Tars servers part 1 (seed 002, SPEC §10.4) on the server role: login by {@code ?ticket=}, the routes under
 * {@code /api} and {@code /pages/server/api} with TarsWeb's methods and merged parameters, deploy, servers,
 * adapters, the tree, the notify log and dictionaries; bad input answered {@code ret_code 500} with nothing
 * written; the bundle stopped and started; the shell.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TarsIT extends ArmadaKarafTestSupport {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    @Before
    public void tarsServes() {
        awaitSettled();
        Http.await("tars routes", DEADLINE, () -> http().get("/api/server_type_list").status() == 200);
    }

    private static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime(), 36);
    }

    static JsonNode ok(Http.Answer a) {
        assertEquals(a.toString(), 200, a.status());
        JsonNode j = a.json();
        assertEquals(a.toString(), 200, j.get("ret_code").asInt());
        assertEquals(a.toString(), "", j.get("err_msg").asText());
        return j.get("data");
    }

    static String refused(Http.Answer a) {
        assertEquals(a.toString(), 200, a.status());
        JsonNode j = a.json();
        assertEquals(a.toString(), 500, j.get("ret_code").asInt());
        assertTrue(a.toString(), j.get("data").isObject() && j.get("data").isEmpty());
        return j.get("err_msg").asText();
    }

    private static List<String> fields(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** An Armada node reporting from {@code ip} (its report posted by the test), installed as a tars node. */
    private void tarsNode(String ip) {
        String uuid = unique("tars-node-");
        Http.Answer a = http().post("/v1.0/reports", "{\"hostname\":\"" + uuid + "\",\"ip\":\"" + ip + "\",\"utc\":"
                + System.currentTimeMillis() / 1000 + ",\"type\":\"resource\",\"node_uuid\":\"" + uuid + "\","
                + "\"port\":8181,\"ports_range\":[\"20000-20100\"],\"data\":{\"cpu\":{\"numbers\":2,\"utilization\":1},"
                + "\"memory\":{\"available\":1,\"total\":2,\"utilization\":50},\"disk\":{}}}");
        assertEquals(a.toString(), 200, a.status());
        long agent = a.json().get("data").get(0).get("agent_id").asLong();
        JsonNode inactive = ok(http().get("/api/install_tars_node?ips=" + ip)).get(0);
        assertEquals(inactive.toString(), false, inactive.get("rst").asBoolean());
        assertTrue(inactive.toString(), inactive.get("msg").asText().contains("agent " + agent + " of " + ip));
        // goperation's rule: entities (a tars node owns one) go on active agents only
        Http.Answer active = http().send("PATCH", "/v1.0/agents/" + agent + "/active", "{\"status\":1}",
                "application/json");
        assertEquals(active.toString(), 200, active.status());
        JsonNode r = ok(http().get("/api/install_tars_node?ips=" + ip)).get(0);
        assertTrue(r.toString(), r.get("rst").asBoolean());
    }

    private String deployBody(String app, String server, String node, int port) {
        return "{\"application\":\"" + app + "\",\"server_name\":\"" + server + "\",\"node_name\":\"" + node
                + "\",\"template_name\":\"tars.default\",\"enable_set\":false,\"adapters\":[{\"obj_name\":\"HelloObj\","
                + "\"bind_ip\":\"" + node + "\",\"port\":" + port + ",\"port_type\":\"tcp\",\"protocol\":\"tars\","
                + "\"thread_num\":2,\"max_connections\":100}]}";
    }

    @Test
    public void aTicketLogsInAndAWrongOneIsTheDialectsNoLogin() {
        assertEquals(List.of("tars_cpp", "tars_java", "tars_nodejs", "tars_php", "tars_go"),
                List.of(ok(anonymous().get("/api/server_type_list?ticket=" + TOKEN)).toString()
                        .replaceAll("[\\[\\]\"]", "").split(",")));
        ok(anonymous().get("/pages/server/api/server_type_list?ticket=" + TOKEN));
        for (String path : List.of("/api/tree?ticket=wrong", "/api/tree", "/pages/server/api/tree?ticket=wrong")) {
            Http.Answer a = anonymous().get(path);
            assertTrue(path + " -> " + a, notLoggedIn(a));
            assertEquals(path, 500, a.json().get("ret_code").asInt());
        }
    }

    @Test
    public void aServerIsDeployedListedChangedAndLogged() {
        String app = unique("App");
        tarsNode("10.1.0.1");
        JsonNode deployed = ok(http().post("/api/deploy_server", deployBody(app, "Hello", "10.1.0.1", 10001)));
        assertEquals(0, deployed.get("tars_node_rst").size());
        JsonNode row = deployed.get("server_conf").get(0);
        assertEquals(List.of("id", "application", "server_name", "node_name", "server_type", "enable_set", "set_name",
                "set_area", "set_group", "setting_state", "present_state", "bak_flag", "template_name", "profile",
                "async_thread_num", "base_path", "exe_path", "start_script_path", "stop_script_path",
                "monitor_script_path", "patch_time", "patch_version", "process_id", "posttime"), fields(row));
        long id = row.get("id").asLong();
        assertEquals("tars_cpp", row.get("server_type").asText());
        assertEquals("inactive", row.get("setting_state").asText());
        assertEquals(false, row.get("enable_set").asBoolean());
        assertTrue(row.get("posttime").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
        assertEquals("", row.get("patch_time").asText());

        // GET with the id in the query, or in a JSON body; the same under /pages/server/api
        assertEquals(id, ok(http().get("/api/server?id=" + id)).get("id").asLong());
        assertEquals(id, ok(http().send("GET", "/api/server", "{\"id\":" + id + "}", "application/json")).get("id")
                .asLong());
        assertEquals(id, ok(http().get("/pages/server/api/server?id=" + id)).get("id").asLong());
        // form and multipart fields are parameters too (TarsWeb's bodyparser and multer)
        assertEquals(id, ok(http().send("GET", "/api/server", "id=" + id, "application/x-www-form-urlencoded"))
                .get("id").asLong());
        JsonNode viaMultipart = ok(http().send("POST", "/api/update_server", "--b0\r\nContent-Disposition: form-data;"
                + " name=\"id\"\r\n\r\n" + id + "\r\n--b0\r\nContent-Disposition: form-data; name=\"exe_path\"\r\n\r\n"
                + "/opt/hello\r\n--b0--\r\n", "multipart/form-data; boundary=b0"));
        assertEquals("/opt/hello", viaMultipart.get("exe_path").asText());

        JsonNode list = ok(http().get("/api/server_list?tree_node_id=1" + app + ".5Hello"));
        assertEquals(1, list.size());
        assertEquals(id, list.get(0).get("id").asLong());
        JsonNode paged = ok(http().get("/api/server_list?tree_node_id=1" + app + "&is_page=true&cur_page=1&page_size=20"));
        assertEquals(1, paged.get("count").asInt());
        assertEquals(1, paged.get("rows").size());
        assertTrue(ok(http().get("/api/inactive_server_list?application=" + app)).size() == 1);

        JsonNode tree = ok(http().get("/api/tree"));
        JsonNode appNode = null;
        for (JsonNode n : tree) {
            if (n.get("id").asText().equals("1" + app)) {
                appNode = n;
            }
        }
        assertTrue("the application in the tree: " + tree, appNode != null);
        assertEquals(List.of("id", "name", "pid", "open", "is_parent", "children"), fields(appNode));
        assertEquals("1" + app + ".5Hello", appNode.get("children").get(0).get("id").asText());
        assertEquals(app, ok(http().get("/api/cascade_select_server?level=1")).toString().contains(app) ? app : "");
        assertEquals("[\"10.1.0.1\"]", ok(http().get("/api/cascade_select_server?level=4&application=" + app
                + "&server_name=Hello")).toString());

        JsonNode preview = ok(http().post("/api/expand_server_preview", "{\"application\":\"" + app
                + "\",\"server_name\":\"Hello\",\"node_name\":\"10.1.0.1\",\"expand_nodes\":[\"10.1.0.9\"]}"));
        assertEquals(1, preview.size());
        assertEquals(List.of("application", "server_name", "set", "obj_name", "node_name", "bind_ip", "port",
                "template_name", "status", "auth"), fields(preview.get(0)));
        assertEquals("HelloObj", preview.get(0).get("obj_name").asText());
        assertEquals("#api.expand.node.status.nonexistent#", preview.get(0).get("status").asText());

        JsonNode updated = ok(http().post("/api/update_server", "{\"id\":" + id + ",\"isBak\":true,"
                + "\"server_type\":\"tars_java\",\"async_thread_num\":6,\"enable_set\":true,\"set_name\":\"sz\","
                + "\"set_area\":\"a\",\"set_group\":\"1\"}"));
        assertEquals(true, updated.get("bak_flag").asBoolean());
        assertEquals("tars_java", updated.get("server_type").asText());
        assertEquals(6, updated.get("async_thread_num").asInt());
        assertEquals(1, ok(http().get("/api/server_list?tree_node_id=1" + app + ".2sz.3a.41.5Hello")).size());

        JsonNode log = ok(http().get("/api/server_notify_list?tree_node_id=1" + app + "&curr_page=1&page_size=10"));
        assertEquals(3, log.get("count").asInt());
        assertEquals(List.of("notifytime", "server_id", "thread_id", "command", "result"),
                fields(log.get("rows").get(0)));
        assertEquals(app + ".Hello_10.1.0.1", log.get("rows").get(0).get("server_id").asText());
        assertEquals("update_server", log.get("rows").get(0).get("command").asText());
        assertEquals("deploy_server", log.get("rows").get(2).get("command").asText());
    }

    @Test
    public void adaptersAreAddedChangedListedAndDeleted() {
        String app = unique("Ad");
        tarsNode("10.1.0.2");
        long serverId = ok(http().post("/api/deploy_server", deployBody(app, "Svc", "10.1.0.2", 10001)))
                .get("server_conf").get(0).get("id").asLong();
        JsonNode list = ok(http().get("/api/adapter_conf_list?id=" + serverId));
        assertEquals(1, list.size());
        assertEquals(List.of("id", "application", "server_name", "node_name", "adapter_name", "thread_num",
                "endpoint", "max_connections", "allow_ip", "servant", "queuecap", "queuetimeout", "posttime",
                "protocol", "handlegroup"), fields(list.get(0)));
        assertEquals("tcp -h 10.1.0.2 -t 60000 -p 10001 -e 0", list.get(0).get("endpoint").asText());
        assertEquals(app + ".Svc.HelloObjAdapter", list.get(0).get("adapter_name").asText());
        assertEquals(2, list.get(0).get("thread_num").asInt());

        JsonNode added = ok(http().post("/api/add_adapter_conf", "{\"application\":\"" + app + "\",\"server_name\":"
                + "\"Svc\",\"node_name\":\"10.1.0.2\",\"servant\":\"" + app + ".Svc.AdminObj\",\"endpoint\":"
                + "\"tcp -h 10.1.0.2 -t 60000 -p 10002 -e 0\",\"thread_num\":3}"));
        long adapterId = added.get("id").asLong();
        assertEquals(app + ".Svc.AdminObjAdapter", added.get("adapter_name").asText());
        assertEquals(adapterId, ok(http().get("/api/adapter_conf?id=" + adapterId)).get("id").asLong());
        JsonNode changed = ok(http().post("/api/update_adapter_conf", "{\"id\":" + adapterId + ",\"servant\":\""
                + app + ".Svc.AdminObj\",\"max_connections\":7}"));
        assertEquals(7, changed.get("max_connections").asInt());
        assertEquals(2, ok(http().get("/api/adapter_conf_list?id=" + serverId)).size());
        assertEquals("[" + adapterId + "]", ok(http().get("/api/delete_adapter_conf?id=" + adapterId)).toString());
        assertEquals(1, ok(http().get("/api/adapter_conf_list?id=" + serverId)).size());
    }

    @Test
    public void badInputIsRefusedAndWritesNothing() {
        String app = unique("Bad");
        refused(http().post("/api/deploy_server", "{\"application\":\"" + app + "\",\"server_name\":\"S\"}"));
        refused(http().post("/api/deploy_server", deployBody(app, "S", "not-an-ip", 10001)));
        refused(http().post("/api/deploy_server", deployBody(app, "S", "10.1.0.3", 70000)));
        refused(http().post("/api/deploy_server", deployBody(app, "S.x", "10.1.0.3", 10001)));
        refused(http().post("/api/deploy_server", "{\"application\":\"" + app + "\",\"server_name\":\"S\","
                + "\"adapters\":\"nope\"}"));
        refused(http().post("/api/deploy_server", "[1,2]"));
        assertEquals(0, ok(http().get("/api/server_list?tree_node_id=1" + app)).size());

        assertTrue(refused(http().post("/api/deploy_server", deployBody(app, "S", "10.1.0.3", 10001)))
                .contains("install_tars_node first"));
        tarsNode("10.1.0.3");
        ok(http().post("/api/deploy_server", deployBody(app, "S", "10.1.0.3", 10001)));
        assertTrue(refused(http().post("/api/deploy_server", deployBody(app, "S", "10.1.0.3", 10009)))
                .contains("already deployed"));
        assertEquals(1, ok(http().get("/api/server_list?tree_node_id=1" + app)).size());
        assertEquals(1, ok(http().get("/api/server_notify_list?tree_node_id=1" + app)).get("count").asInt());

        refused(http().get("/api/server?id=999999999"));
        refused(http().get("/api/server?id=abc"));
        refused(http().get("/api/server"));
        refused(http().get("/api/server_list"));
        refused(http().get("/api/server_list?tree_node_id=App"));
        refused(http().post("/api/update_server", "{\"id\":999999999}"));
        refused(http().post("/api/update_server", "{\"id\":\"x\"}"));
        refused(http().get("/api/adapter_conf?id=999999999"));
        refused(http().get("/api/delete_adapter_conf?id=999999999"));
        refused(http().post("/api/add_adapter_conf", "{\"application\":\"" + app + "\",\"server_name\":\"S\","
                + "\"node_name\":\"10.1.0.3\",\"servant\":\"" + app + ".S.X\",\"endpoint\":\"http://x\"}"));
        refused(http().get("/api/cascade_select_server?level=9"));
        refused(http().get("/api/server_notify_list?tree_node_id=1" + app + "&curr_page=-1&page_size=1"));
        assertEquals(1, ok(http().get("/api/server_notify_list?tree_node_id=1" + app)).get("count").asInt());
    }

    @Test
    public void theBundleTakesItsRoutesWithItAndTheShellShowsServers() throws Exception {
        String app = unique("Sh");
        tarsNode("10.1.0.4");
        long id = ok(http().post("/api/deploy_server", deployBody(app, "Shell", "10.1.0.4", 10001)))
                .get("server_conf").get(0).get("id").asLong();
        assertTrue(shell("tars:tree").contains("1" + app + ".5Shell"));
        String servers = shell("tars:servers 1" + app);
        assertTrue(servers, servers.contains("10.1.0.4") && servers.contains("1 server(s)"));
        String one = shell("tars:server " + id);
        assertTrue(one, one.contains(app + ".Shell.HelloObjAdapter"));

        Bundle tars = bundle("armada-tars");
        tars.stop();
        try {
            Http.await("tars routes gone", DEADLINE, () -> http().get("/api/server?id=" + id).status() == 404);
            assertEquals(404, http().get("/pages/server/api/server?id=" + id).status());
            assertEquals(200, anonymous().get("/health").status());
        } finally {
            tars.start();
        }
        Http.await("tars routes back", DEADLINE, () -> http().get("/api/server?id=" + id).status() == 200);
        assertEquals(app, ok(http().get("/api/server?id=" + id)).get("application").asText());
    }

    @Test
    public void configFilesMergeInTarsFrameworksOrderAndTemplatesInherit() throws Exception {
        String app = unique("Cf");
        tarsNode("10.1.0.5");
        ok(http().post("/api/deploy_server", deployBody(app, "Svc", "10.1.0.5", 10001)));
        JsonNode common = ok(http().post("/api/add_config_file", "{\"level\":1,\"application\":\"" + app
                + "\",\"filename\":\"common.conf\",\"config\":\"common=1\"}"));
        assertEquals(List.of("id", "server_name", "node_name", "set_name", "set_area", "set_group", "filename",
                "config", "level", "posttime"), fields(common));
        assertEquals(1, common.get("level").asInt());
        JsonNode server = ok(http().post("/api/add_config_file", "{\"level\":5,\"application\":\"" + app
                + "\",\"server_name\":\"Svc\",\"filename\":\"svc.conf\",\"config\":\"server=1\"}"));
        assertEquals(app + ".Svc", server.get("server_name").asText());
        assertEquals(2, server.get("level").asInt());
        assertTrue(refused(http().post("/api/add_config_file", "{\"level\":5,\"application\":\"" + app
                + "\",\"server_name\":\"Svc\",\"filename\":\"svc.conf\",\"config\":\"x\"}"))
                .contains("#cfg.dlg.exists#"));
        JsonNode nodes = ok(http().get("/api/node_config_file_list?application=" + app + "&server_name=Svc&config_id="
                + server.get("id").asLong()));
        assertEquals(1, nodes.size());
        long nodeFile = nodes.get(0).get("id").asLong();
        assertEquals("10.1.0.5", nodes.get(0).get("node_name").asText());
        refused(http().post("/api/update_config_file", "{\"id\":" + nodeFile + ",\"config\":\"node=1\"}"));
        ok(http().post("/api/update_config_file", "{\"id\":" + nodeFile + ",\"config\":\"node=1\",\"reason\":\"r\"}"));
        JsonNode ref = ok(http().get("/api/add_config_ref?config_id=" + server.get("id").asLong() + "&reference_id="
                + common.get("id").asLong()));
        assertEquals(List.of("id", "config_id", "reference_id"), fields(ref));
        assertEquals("common=1\r\n\r\nserver=1\r\n\r\nnode=1",
                ok(http().get("/pages/server/api/merged_node_config?id=" + nodeFile)).asText());
        JsonNode refs = ok(http().get("/api/config_ref_list?config_id=" + server.get("id").asLong()));
        assertEquals("common.conf", refs.get(0).get("reference").get("filename").asText());
        JsonNode history = ok(http().get("/api/config_file_history_list?config_id=" + nodeFile));
        assertEquals(2, history.get("count").asInt());
        assertEquals("r", history.get("rows").get(0).get("reason").asText());
        long historyId = history.get("rows").get(0).get("id").asLong();
        assertEquals("node=1", ok(http().get("/api/config_file_history?id=" + historyId)).get("content").asText());
        assertEquals(1, ok(http().get("/api/config_file_list?level=1&application=" + app)).size());
        refused(http().get("/api/config_file_list?level=2&application=" + app));
        assertTrue(refused(http().get("/api/delete_config_file?id=" + common.get("id").asLong()))
                .contains("referenced"));
        assertEquals("[" + ref.get("id").asLong() + "]",
                ok(http().get("/api/delete_config_ref?id=" + ref.get("id").asLong())).toString());
        assertEquals("[" + server.get("id").asLong() + "]",
                ok(http().get("/api/delete_config_file?id=" + server.get("id").asLong())).toString());
        refused(http().get("/api/config_file?id=" + nodeFile));
        assertTrue(shell("tars:configs " + app).contains("common.conf"));

        String t = unique("tpl");
        ok(http().post("/api/add_profile_template", "{\"template_name\":\"" + t + ".base\",\"parents_name\":\"\","
                + "\"profile\":\"<tars>\\n<application>\\na=1\\nb=1\\n</application>\\n</tars>\"}"));
        JsonNode child = ok(http().post("/api/add_profile_template", "{\"template_name\":\"" + t + ".child\","
                + "\"parents_name\":\"" + t + ".base\",\"profile\":\"<tars>\\n<application>\\nb=2\\n"
                + "</application>\\n</tars>\"}"));
        assertEquals(List.of("id", "template_name", "parents_name", "profile", "posttime"), fields(child));
        assertEquals("<tars>\n\t<application>\n\t\tb=2\n\t\ta=1\n\t</application>\n</tars>\n",
                ok(http().get("/api/get_merge_profile_template?template_name=" + t + ".child")).get("template").asText());
        assertEquals(t + ".base", ok(http().get("/api/profile_template?template_name=" + t + ".child"))
                .get("parents_name").asText());
        assertEquals(2, ok(http().get("/api/query_profile_template?template_name=" + t)).size());
        assertTrue(ok(http().get("/api/template_name_list")).toString().contains(t + ".child"));
        long baseId = ok(http().get("/api/profile_template?template_name=" + t + ".base")).get("id").asLong();
        assertTrue(refused(http().post("/api/update_profile_template", "{\"id\":" + baseId + ",\"template_name\":\""
                + t + ".base\",\"parents_name\":\"" + t + ".child\",\"profile\":\"a=1\"}")).contains("cycle"));
        refused(http().get("/api/delete_profile_template?id=" + baseId));
        assertEquals("[" + child.get("id").asLong() + "]",
                ok(http().get("/api/delete_profile_template?id=" + child.get("id").asLong())).toString());
        assertTrue(shell("tars:templates").contains(t + ".base"));
    }

    @Test
    public void nodesAreInstalledByIpAndAutoPortReservesWhatItHandsOut() {
        JsonNode none = ok(http().get("/api/install_tars_node?ips=10.1.9.9"));
        assertEquals(List.of("ip", "rst", "msg"), fields(none.get(0)));
        assertEquals(false, none.get(0).get("rst").asBoolean());
        assertTrue(none.toString(), none.get(0).get("msg").asText().contains("no Armada node reports from 10.1.9.9"));
        refused(http().get("/api/install_tars_node?ips=not-an-ip"));

        tarsNode("10.1.0.6");
        JsonNode ports = ok(http().get("/api/auto_port?node_name=10.1.0.6;10.1.0.6"));
        assertEquals(2, ports.size());
        assertEquals(List.of("node_name", "port"), fields(ports.get(0)));
        int p1 = ports.get(0).get("port").asInt();
        int p2 = ports.get(1).get("port").asInt();
        assertTrue(ports.toString(), p1 != p2 && p1 >= 20000 && p1 < 20100 && p2 >= 20000 && p2 < 20100);
        // reserved: the next call hands out others
        int p3 = ok(http().get("/api/auto_port?node_name=10.1.0.6")).get(0).get("port").asInt();
        assertTrue(p3 != p1 && p3 != p2);
        refused(http().get("/api/auto_port?node_name=10.1.9.9"));

        String app = unique("Np");
        ok(http().post("/api/deploy_server", deployBody(app, "Svc", "10.1.0.6", p1)));
        JsonNode busy = ok(http().get("/api/uninstall_tars_node?ips=10.1.0.6")).get(0);
        assertEquals(false, busy.get("rst").asBoolean());
        assertTrue(busy.toString(), busy.get("msg").asText().contains("server(s) are deployed"));
    }
}
