package io.armada.tars.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.armada.tars.ServerConf;
import io.armada.tars.TarsPage;
import io.armada.tars.TaskItem;
import io.armada.tars.TaskView;

/**
 * Tasks and their items (TARS_TASK, TARS_TASK_ITEM), and what an item's end changes: the server row's states, its
 * notify row, and for {@code undeploy_tars} the row itself with its adapters and node config files. Each call is one
 * transaction.
 */
public interface TaskDao {

    /** Writes a task (NOT_START) and its items. */
    void insert(TaskView task);

    Optional<TaskView> find(String taskNo);

    /** Newest first; filters are optional; all rows when page or size is 0. */
    TarsPage<TaskView> list(String application, String serverName, String command, Instant from, Instant to,
            int page, int size);

    /** The item is RUNNING (and its task too). */
    void started(String itemNo, Instant at);

    /**
     * What an item's end changes on its server row; {@code null} fields are left as they are.
     *
     * @param delete the row is deleted with its adapters and node config files ({@code undeploy_tars})
     */
    record ServerUpdate(String settingState, String presentState, String patchVersion, Instant patchTime,
            String patchUser, Long processId, boolean delete) {
        public static final ServerUpdate NONE = new ServerUpdate(null, null, null, null, null, null, false);
    }

    /**
     * Ends an item: its status and texts, the server row's update and a notify row ({@code thread_id} the item
     * number), in one transaction.
     */
    void ended(TaskItem item, int status, String statusInfo, String executeInfo, ServerUpdate update, Instant at);

    /** Items left NOT_START by a failure before them: CANCEL with why. */
    void cancelled(List<String> itemNos, String why, Instant at);

    /** Sets the task's final status from its items'. */
    int finish(String taskNo, Instant at);

    /**
     * Tasks left unfinished by a server that stopped: their unfinished items FAILED with {@code why}, then each task
     * finished. The task numbers.
     *
     * @param ownerGone which owners' tasks (by server name; {@code null} for rows older than owners) to fail
     */
    List<String> failUnfinished(String why, Instant at, java.util.function.Predicate<String> ownerGone);

    /** A server row, for the commands. */
    Optional<ServerConf> server(long id);

    /** Sets a server row's present state (and process id) from a node's report; true when it changed. */
    boolean present(long id, String presentState, long processId);

    /** The rows of a server (on one node, or on all with {@code null}), ordered by node. */
    List<ServerConf> servers(String application, String serverName, String nodeName);

    /** A notify row for a server (commands outside tasks). */
    void note(long serverId, String threadId, String command, String result, Instant at);

    /** The server rows on a node. */
    List<ServerConf> serversOn(String nodeName);
}
