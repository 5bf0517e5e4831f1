package io.armada.tars.internal.jpa;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

import io.armada.tars.NotifyRecord;
import io.armada.tars.ServerConf;

/**
 * Table TARS_NOTIFY, the notify log (TarsWeb's {@code t_server_notifys}): with the server's tree position beside its
 * {@code app.server_node} id, so that the log under a tree node is one query.
 */
@Entity
@Table(name = "TARS_NOTIFY", indexes = {@Index(name = "TARS_NOTIFY_APP", columnList = "APPLICATION,SERVER_NAME"),
    @Index(name = "TARS_NOTIFY_TIME", columnList = "NOTIFYTIME")})
public class NotifyEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    Long id;

    @Column(name = "APPLICATION", nullable = false, length = 128)
    String application;

    @Column(name = "SERVER_NAME", nullable = false, length = 128)
    String serverName;

    @Column(name = "NODE_NAME", nullable = false, length = 64)
    String nodeName;

    @Column(name = "ENABLE_SET", nullable = false)
    boolean enableSet;

    @Column(name = "SET_NAME", length = 16)
    String setName;

    @Column(name = "SET_AREA", length = 16)
    String setArea;

    @Column(name = "SET_GROUP", length = 16)
    String setGroup;

    @Column(name = "SERVER_ID", nullable = false, length = 330)
    String serverId;

    @Column(name = "THREAD_ID", nullable = false, length = 40)
    String threadId;

    @Column(name = "COMMAND", nullable = false, length = 64)
    String command;

    @Column(name = "RESULT", nullable = false, length = 4000)
    String result;

    @Column(name = "NOTIFYTIME", nullable = false)
    long notifytime;

    public NotifyEntity() {
    }

    static NotifyEntity of(ServerConf s, String threadId, String command, String result, Instant at) {
        NotifyEntity e = new NotifyEntity();
        e.application = s.application();
        e.serverName = s.serverName();
        e.nodeName = s.nodeName();
        e.enableSet = s.enableSet();
        e.setName = s.setName();
        e.setArea = s.setArea();
        e.setGroup = s.setGroup();
        e.serverId = s.notifyId();
        e.threadId = threadId;
        e.command = command;
        e.result = result.length() > 4000 ? result.substring(0, 4000) : result;
        e.notifytime = at.toEpochMilli();
        return e;
    }

    NotifyRecord toDTO() {
        return new NotifyRecord(Instant.ofEpochMilli(notifytime), serverId, threadId, command, result);
    }
}
