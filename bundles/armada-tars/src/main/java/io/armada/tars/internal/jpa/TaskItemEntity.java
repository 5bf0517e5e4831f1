package io.armada.tars.internal.jpa;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

import io.armada.tars.TaskItem;
import io.armada.tars.TaskStatus;

/**
 * Table TARS_TASK_ITEM (TarsWeb's {@code t_task_item}): one command on one server row, in the order of its task
 * ({@code SEQ}). The server's position is copied, so that the item still reads after an {@code undeploy_tars}.
 */
@Entity
@Table(name = "TARS_TASK_ITEM", indexes = {@Index(name = "TARS_TASK_ITEM_TASK", columnList = "TASK_NO,SEQ"),
    @Index(name = "TARS_TASK_ITEM_APP", columnList = "APPLICATION,SERVER_NAME")})
public class TaskItemEntity {
    @Id
    @Column(name = "ITEM_NO", length = 32)
    String itemNo;

    @Column(name = "TASK_NO", nullable = false, length = 32)
    String taskNo;

    @Column(name = "SEQ", nullable = false)
    int seq;

    @Column(name = "SERVER_ID", nullable = false)
    long serverId;

    @Column(name = "APPLICATION", nullable = false, length = 128)
    String application;

    @Column(name = "SERVER_NAME", nullable = false, length = 128)
    String serverName;

    @Column(name = "NODE_NAME", nullable = false, length = 64)
    String nodeName;

    @Column(name = "COMMAND", nullable = false, length = 32)
    String command;

    /** The parameters as a JSON object of strings. */
    @Column(name = "PARAMETERS", nullable = false, length = 2048)
    String parameters;

    @Column(name = "START_TIME")
    Long startTime;

    @Column(name = "END_TIME")
    Long endTime;

    @Column(name = "STATUS", nullable = false)
    int status;

    @Column(name = "STATUS_INFO", nullable = false, length = 1024)
    String statusInfo;

    @Column(name = "EXECUTE_INFO", nullable = false, length = 4096)
    String executeInfo;

    public TaskItemEntity() {
    }

    TaskItem toDTO() {
        return new TaskItem(taskNo, itemNo, serverId, application, serverName, nodeName, command,
                JpaTaskDao.params(parameters), startTime == null ? null : Instant.ofEpochMilli(startTime),
                endTime == null ? null : Instant.ofEpochMilli(endTime), status, statusInfo, executeInfo,
                TaskStatus.done(status) ? 100 : 0);
    }
}
