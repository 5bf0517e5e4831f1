package io.armada.tars;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What acts on the nodes (reference §002.8, SPEC §10.4): tasks of {@code restart}, {@code stop},
 * {@code undeploy_tars} and {@code patch_tars} items, commands, config pushes and live states. Everything goes to the
 * node's {@code ServerHandler} as async requests; the calls that answer a node's result return a stage, so that no
 * request thread waits while a node works. Refusals ({@link io.armada.core.ApiException}) are thrown before anything
 * is written or sent.
 *
 * @since 1.1
 */
@ProviderType
public interface TarsTasks {

    /**
     * Records a task and starts it; its number (32 lower-hex characters).
     *
     * @param serverUrl this server's base URL as the nodes reach it (the package download route of {@code patch_tars})
     */
    String addTask(boolean serial, List<NewTaskItem> items, String serverUrl, String user);

    TaskView task(String taskNo);

    /** Completes with the task once it has ended (at once when it has); for {@code upload_and_publish}. */
    CompletionStage<TaskView> ended(String taskNo);

    /** Tasks, newest first, filtered by whichever filter is given; all rows when page or size is 0. */
    TarsPage<TaskView> tasks(String application, String serverName, String command, Instant from, Instant to,
            int page, int size);

    /** {@code bin/command.sh <command>} on each server's node. */
    CompletionStage<List<TargetResult>> sendCommand(List<Long> serverIds, String command);

    /**
     * Each config file's merged text written on its nodes ({@code write_config}), then {@code tars.loadconfig
     * <filename>}.
     */
    CompletionStage<List<TargetResult>> pushConfig(List<Long> configIds);

    /** The state the server's node last reported ({@code active}/{@code inactive}). */
    String realtimeState(long serverId);

    /** Writes every config file of the server on its node; a text saying what was written. */
    CompletionStage<String> loadServer(String application, String serverName, String nodeName);

    /**
     * Deploys a server to more nodes (rows, adapters, ports from {@code auto_port} where 0) and, when it has a default
     * package, starts a parallel {@code patch_tars} task for the new rows.
     */
    Expanded expand(String application, String serverName, String sourceNode, List<ExpandTarget> targets,
            String serverUrl, String user);

    /** One adapter of {@code expand_server}'s {@code expand_preview_servers}. */
    record ExpandTarget(String nodeName, String objName, String bindIp, int port) {
    }

    /** The rows {@code expand_server} made, and the task number of their patch ({@code ""} when none). */
    record Expanded(List<ServerConf> servers, String taskNo) {
    }
}
