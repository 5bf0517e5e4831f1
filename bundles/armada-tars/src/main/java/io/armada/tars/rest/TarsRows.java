package io.armada.tars.rest;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.armada.tars.AdapterConf;
import io.armada.tars.ConfigFile;
import io.armada.tars.ConfigHistory;
import io.armada.tars.ConfigRef;
import io.armada.tars.ExpandPreview;
import io.armada.tars.NotifyRecord;
import io.armada.tars.ServerConf;
import io.armada.tars.TarsPage;
import io.armada.tars.TreeNode;

/**
 * Rows in TarsWeb's field names and order (its {@code serverConfStruct}, {@code adapterConfStruct},
 * {@code serverNotifyStruct}); times as {@code YYYY-MM-DD HH:mm:ss} in the server's zone, {@code ""} for none, as
 * TarsWeb's {@code formatTimeStamp}.
 */
final class TarsRows {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TarsRows() {
    }

    static String time(Instant t) {
        return t == null ? "" : TIME.format(t.atZone(ZoneId.systemDefault()));
    }

    static Map<String, Object> server(ServerConf s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("application", s.application());
        m.put("server_name", s.serverName());
        m.put("node_name", s.nodeName());
        m.put("server_type", s.serverType());
        m.put("enable_set", s.enableSet());
        m.put("set_name", s.setName());
        m.put("set_area", s.setArea());
        m.put("set_group", s.setGroup());
        m.put("setting_state", s.settingState());
        m.put("present_state", s.presentState());
        m.put("bak_flag", s.bakFlag());
        m.put("template_name", s.templateName());
        m.put("profile", s.profile());
        m.put("async_thread_num", s.asyncThreadNum());
        m.put("base_path", s.basePath());
        m.put("exe_path", s.exePath());
        m.put("start_script_path", s.startScriptPath());
        m.put("stop_script_path", s.stopScriptPath());
        m.put("monitor_script_path", s.monitorScriptPath());
        m.put("patch_time", time(s.patchTime()));
        m.put("patch_version", s.patchVersion());
        m.put("process_id", s.processId());
        m.put("posttime", time(s.posttime()));
        return m;
    }

    static List<Map<String, Object>> servers(List<ServerConf> servers) {
        return servers.stream().map(TarsRows::server).toList();
    }

    static Map<String, Object> adapter(AdapterConf a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("application", a.application());
        m.put("server_name", a.serverName());
        m.put("node_name", a.nodeName());
        m.put("adapter_name", a.adapterName());
        m.put("thread_num", a.threadNum());
        m.put("endpoint", a.endpoint());
        m.put("max_connections", a.maxConnections());
        m.put("allow_ip", a.allowIp());
        m.put("servant", a.servant());
        m.put("queuecap", a.queuecap());
        m.put("queuetimeout", a.queuetimeout());
        m.put("posttime", time(a.posttime()));
        m.put("protocol", a.protocol());
        m.put("handlegroup", a.handlegroup());
        return m;
    }

    static List<Map<String, Object>> adapters(List<AdapterConf> adapters) {
        return adapters.stream().map(TarsRows::adapter).toList();
    }

    static Map<String, Object> notifies(TarsPage<NotifyRecord> page) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", page.count());
        m.put("rows", page.rows().stream().map(n -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("notifytime", time(n.notifytime()));
            r.put("server_id", n.serverId());
            r.put("thread_id", n.threadId());
            r.put("command", n.command());
            r.put("result", n.result());
            return r;
        }).toList());
        return m;
    }

    static Map<String, Object> page(TarsPage<ServerConf> page) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", page.count());
        m.put("rows", servers(page.rows()));
        return m;
    }

    static List<Map<String, Object>> tree(List<TreeNode> nodes) {
        return nodes.stream().map(n -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.id());
            m.put("name", n.name());
            m.put("pid", n.pid());
            m.put("open", n.open());
            m.put("is_parent", n.parent());
            m.put("children", tree(n.children()));
            return m;
        }).toList();
    }

    static Map<String, Object> config(ConfigFile c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("server_name", c.serverName());
        m.put("node_name", c.nodeName());
        m.put("set_name", c.setName());
        m.put("set_area", c.setArea());
        m.put("set_group", c.setGroup());
        m.put("filename", c.filename());
        m.put("config", c.config());
        m.put("level", c.level());
        m.put("posttime", time(c.posttime()));
        return m;
    }

    static List<Map<String, Object>> configs(List<ConfigFile> files) {
        return files.stream().map(TarsRows::config).toList();
    }

    static Map<String, Object> history(ConfigHistory h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", h.id());
        m.put("config_id", h.configId());
        m.put("reason", h.reason());
        m.put("content", h.content());
        m.put("posttime", time(h.posttime()));
        return m;
    }

    static Map<String, Object> histories(TarsPage<ConfigHistory> page) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", page.count());
        m.put("rows", page.rows().stream().map(TarsRows::history).toList());
        return m;
    }

    /** {@code add_config_ref}: the ids only. */
    static Map<String, Object> ref(ConfigRef r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("config_id", r.configId());
        m.put("reference_id", r.referenceId());
        return m;
    }

    /** {@code config_ref_list}: each reference with the file it references. */
    static List<Map<String, Object>> refs(List<ConfigRef> refs) {
        return refs.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("config_id", r.configId());
            m.put("reference", config(r.reference()));
            return m;
        }).toList();
    }

    /** TarsWeb's {@code expandStruct}. */
    static Map<String, Object> expand(ExpandPreview e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("application", e.application());
        m.put("server_name", e.serverName());
        m.put("set", e.set());
        m.put("obj_name", e.objName());
        m.put("node_name", e.nodeName());
        m.put("bind_ip", e.bindIp());
        m.put("port", e.port());
        m.put("template_name", e.templateName());
        m.put("status", e.status());
        m.put("auth", e.auth());
        return m;
    }
}
