package io.armada.tars.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What tars needs to act on a node: one call of the node's monitor task {@code ServerHandler} (sent as an async
 * request of the agents area), and the services the node's last resource report lists. Implemented by
 * {@link ServerHandlerBridge}, which exists only while the agents area runs.
 */
public interface NodeCalls {
    /** The refusal of every call that needs a node while the agents area is not running. */
    String UNAVAILABLE = "acting on tars nodes needs armada-agents, which is not running";

    /**
     * A node's answer.
     *
     * @param ok the node answered code 0
     * @param message the node's message, or why it failed (a refusal's code, no answer by the deadline)
     * @param data the answer's {@code data} ({@code state}, {@code pids}, {@code version}, {@code exit},
     *        {@code output}), empty when none
     */
    record Reply(boolean ok, String message, Map<String, Object> data) {
        public String output() {
            Object o = data == null ? null : data.get("output");
            return o == null ? "" : o.toString();
        }

        public String state() {
            Object o = data == null ? null : data.get("state");
            return o == null ? null : o.toString();
        }
    }

    /**
     * Calls {@code ServerHandler command} on the node at {@code ip}; never completes exceptionally: a node that is
     * unknown, offline or silent gives a failed reply saying so.
     */
    CompletionStage<Reply> call(String ip, String command, Map<String, Object> data, Duration timeout);

    /**
     * A service as the node at {@code ip} last reported it ({@code app}, {@code server}, {@code state}, {@code pids},
     * {@code cpu}, {@code rss}, {@code version}); empty when the node is offline or does not list it.
     */
    Optional<Map<String, Object>> reported(String ip, String app, String server);

    /** Every service the node at {@code ip} last reported, with the report's time (epoch seconds) or empty. */
    Optional<Report> report(String ip);

    /** A node's last report: its {@code utc} and its {@code servers}. */
    record Report(long utc, java.util.List<Map<String, Object>> servers) {
    }
}
