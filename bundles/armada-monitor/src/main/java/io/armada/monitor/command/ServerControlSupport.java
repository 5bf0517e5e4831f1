package io.armada.monitor.command;

import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import io.armada.core.ApiException;
import io.armada.monitor.internal.servers.ManagedServers;

/**
 * What {@code monitor:server-start}, {@code -stop} and {@code -restart} share: the service's app and server, and
 * one ServerHandler call (with its allow.server.control switch), printed as the task route answers it.
 */
public abstract class ServerControlSupport implements Action {

    @Reference
    ManagedServers servers;

    @Argument(index = 0, name = "app", description = "The service's app", required = true)
    String app;

    @Argument(index = 1, name = "server", description = "The service's server", required = true)
    String server;

    /** Runs {@code command} on the service; a refusal is printed and fails the command. */
    protected Object run(String command) {
        try {
            Map<String, Object> out = servers.handle(command, Map.of("app", app, "server", server));
            System.out.println(app + "." + server + ": " + out.get("state") + " " + out.get("pids"));
            Object output = out.get("output");
            if (output != null && !output.toString().isBlank()) {
                System.out.println(output.toString().stripTrailing());
            }
            return null;
        } catch (ApiException e) {
            Object data = e.data();
            if (data instanceof Map<?, ?> m && m.get("output") != null) {
                System.out.println(m.get("output").toString().stripTrailing());
            }
            throw new IllegalStateException(e.code() + ": " + e.getMessage(), e);
        }
    }
}
