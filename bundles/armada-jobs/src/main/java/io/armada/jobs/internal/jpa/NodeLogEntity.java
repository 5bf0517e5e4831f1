package io.armada.jobs.internal.jpa;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Lob;
import javax.persistence.Table;

import io.armada.jobs.NodeLog;

/** Table JOBS_NODE_LOG: what one node answered to one step of a batch. */
@Entity
@Table(name = "JOBS_NODE_LOG", indexes = {@Index(name = "JOBS_NODE_LOG_TASK", columnList = "TASK_UUID"),
        @Index(name = "JOBS_NODE_LOG_SUBTASK", columnList = "SUBTASK_UUID")})
public class NodeLogEntity {
    static final int RESULT_MAX = 1024;
    static final int OUTPUT_MAX = 16384;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    Long id;

    @Column(name = "TASK_UUID", nullable = false, length = 64)
    String taskUuid;

    @Column(name = "SUBTASK_UUID", nullable = false, length = 64)
    String subtaskUuid;

    @Column(name = "SEQ", nullable = false)
    int seq;

    @Column(name = "NODE_IP", nullable = false, length = 64)
    String node;

    @Column(name = "STEP", nullable = false)
    int step;

    @Column(name = "RESULT_CODE", nullable = false)
    int code;

    @Column(name = "NODE_RESULT", nullable = false, length = RESULT_MAX)
    String result;

    @Lob
    @Column(name = "NODE_OUTPUT", nullable = false, length = OUTPUT_MAX)
    String output;

    @Column(name = "LOG_TIME", nullable = false)
    long time;

    public NodeLogEntity() {
    }

    static NodeLogEntity of(NodeLog l) {
        NodeLogEntity e = new NodeLogEntity();
        e.taskUuid = l.taskUuid();
        e.subtaskUuid = l.subtaskUuid();
        e.seq = l.seq();
        e.node = l.node();
        e.step = l.step();
        e.code = l.code();
        e.result = l.result() == null ? "" : l.result().length() > RESULT_MAX ? l.result().substring(0, RESULT_MAX)
                : l.result();
        e.output = cut(l.output(), OUTPUT_MAX);
        e.time = l.time().toEpochMilli();
        return e;
    }

    /** The end of a long output: what a script printed last. */
    private static String cut(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() > max ? s.substring(s.length() - max) : s;
    }

    NodeLog toDTO() {
        return new NodeLog(taskUuid, subtaskUuid, seq, node, step, code, result, output, Instant.ofEpochMilli(time));
    }
}
