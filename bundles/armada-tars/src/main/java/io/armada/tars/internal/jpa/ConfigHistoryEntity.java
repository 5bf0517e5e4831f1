package io.armada.tars.internal.jpa;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Lob;
import javax.persistence.Table;

import io.armada.tars.ConfigHistory;

/** Table TARS_CONFIG_HISTORY (TarsWeb's {@code t_config_history_files}): each content a file was given, and why. */
@Entity
@Table(name = "TARS_CONFIG_HISTORY", indexes = @Index(name = "TARS_CONFIG_HISTORY_FILE", columnList = "CONFIG_ID"))
public class ConfigHistoryEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    Long id;

    @Column(name = "CONFIG_ID", nullable = false)
    long configId;

    @Column(name = "REASON", nullable = false, length = 512)
    String reason;

    @Lob
    @Column(name = "CONTENT", nullable = false, length = 1048576)
    String content;

    @Column(name = "POSTTIME", nullable = false)
    long posttime;

    public ConfigHistoryEntity() {
    }

    static ConfigHistoryEntity of(long configId, String reason, String content, Instant at) {
        ConfigHistoryEntity e = new ConfigHistoryEntity();
        e.configId = configId;
        e.reason = reason;
        e.content = content;
        e.posttime = at.toEpochMilli();
        return e;
    }

    ConfigHistory toDTO() {
        return new ConfigHistory(id, configId, reason, content, Instant.ofEpochMilli(posttime));
    }
}
