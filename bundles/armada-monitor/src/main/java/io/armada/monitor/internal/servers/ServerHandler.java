package io.armada.monitor.internal.servers;

import java.util.Map;

import io.armada.core.ApiException;
import io.armada.monitor.internal.Codes;

/**
 * The {@code ServerHandler} of {@code POST /api/v1/monitor/task} (SPEC §10.1): reads a command's data, checks it and
 * the action's {@code allow.server.*} switch (before anything is touched), and calls the runtime. Every answer
 * names the service and gives its state and pids; script calls add {@code exit} and {@code output} (the last 4 KiB).
 */
public final class ServerHandler {
    /** Largest write_config content, in characters. */
    static final int MAX_CONFIG = 1024 * 1024;

    private final ServerRuntime runtime;
    private final ServerSettings settings;

    public ServerHandler(ServerRuntime runtime, ServerSettings settings) {
        this.runtime = runtime;
        this.settings = settings;
    }

    public Map<String, Object> handle(String command, Map<String, Object> data) {
        String app = ServiceNames.name("app", data.get("app"));
        String server = ServiceNames.name("server", data.get("server"));
        switch (command) {
            case "deploy", "patch" -> {
                String address = text(data, "address", true);
                String md5 = text(data, "md5", true);
                String base = text(data, "base_path", false);
                String start = script(data, "start_script_path");
                String stop = script(data, "stop_script_path");
                PackageFetcher.uri(address);
                PackageFetcher.md5(md5);
                allow(settings.allowDeploy(), command, "allow.server.deploy");
                return runtime.install(app, server, address, md5, base, start, stop, command.equals("patch"));
            }
            case "rollback" -> {
                allow(settings.allowDeploy(), command, "allow.server.deploy");
                return runtime.rollback(app, server);
            }
            case "undeploy" -> {
                allow(settings.allowDeploy(), command, "allow.server.deploy");
                return runtime.undeploy(app, server);
            }
            case "start" -> {
                allow(settings.allowControl(), command, "allow.server.control");
                return runtime.start(app, server);
            }
            case "stop" -> {
                allow(settings.allowControl(), command, "allow.server.control");
                return runtime.stop(app, server);
            }
            case "restart" -> {
                allow(settings.allowControl(), command, "allow.server.control");
                return runtime.restart(app, server);
            }
            case "status" -> {
                return runtime.status(app, server);
            }
            case "command" -> {
                java.util.List<String> c = ServiceNames.command(data.get("command"));
                allow(settings.allowCommand(), command, "allow.server.command");
                return runtime.command(app, server, c);
            }
            case "write_config" -> {
                String filename = ServiceNames.relative("filename", text(data, "filename", true));
                String content = text(data, "content", true);
                if (content.length() > MAX_CONFIG) {
                    throw ApiException.badRequest("content is larger than " + MAX_CONFIG + " characters");
                }
                allow(settings.allowConfig(), command, "allow.server.config");
                return runtime.writeConfig(app, server, filename, content);
            }
            default -> throw ApiException.badRequest("unknown command");
        }
    }

    private static String script(Map<String, Object> data, String key) {
        String v = text(data, key, false);
        return v == null ? null : ServiceNames.relative(key, v);
    }

    private static String text(Map<String, Object> data, String key, boolean required) {
        Object v = data.get(key);
        if (v == null) {
            if (required) {
                throw ApiException.badRequest(key + " is required");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw ApiException.badRequest(key + " must be text");
        }
        return s;
    }

    private static void allow(boolean allowed, String command, String setting) {
        if (!allowed) {
            throw Codes.disabled("ServerHandler " + command, setting);
        }
    }
}
