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
import javax.persistence.UniqueConstraint;

import io.armada.tars.ConfigFile;

/**
 * Table TARS_CONFIG (TarsWeb's {@code t_config_files}): one file per owner (SERVER_NAME, set fields, HOST) and name.
 * Empty set fields and host mean none, so the unique constraint holds for every level.
 */
@Entity
@Table(name = "TARS_CONFIG",
        uniqueConstraints = @UniqueConstraint(name = "TARS_CONFIG_OWNER_FILE",
                columnNames = {"SERVER_NAME", "SET_NAME", "SET_AREA", "SET_GROUP", "HOST", "FILENAME"}),
        indexes = @Index(name = "TARS_CONFIG_SERVER", columnList = "SERVER_NAME,LEVEL_NO"))
public class ConfigEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    Long id;

    @Column(name = "SERVER_NAME", nullable = false, length = 257)
    String serverName;

    @Column(name = "SET_NAME", nullable = false, length = 16)
    String setName;

    @Column(name = "SET_AREA", nullable = false, length = 16)
    String setArea;

    @Column(name = "SET_GROUP", nullable = false, length = 16)
    String setGroup;

    @Column(name = "HOST", nullable = false, length = 64)
    String host;

    @Column(name = "FILENAME", nullable = false, length = 128)
    String filename;

    @Lob
    @Column(name = "CONFIG", nullable = false, length = 1048576)
    String config;

    @Column(name = "LEVEL_NO", nullable = false)
    int level;

    @Column(name = "POSTTIME", nullable = false)
    long posttime;

    public ConfigEntity() {
    }

    static ConfigEntity of(ConfigFile c) {
        ConfigEntity e = new ConfigEntity();
        e.serverName = c.serverName();
        e.setName = c.setName();
        e.setArea = c.setArea();
        e.setGroup = c.setGroup();
        e.host = c.nodeName();
        e.filename = c.filename();
        e.config = c.config();
        e.level = c.level();
        e.posttime = c.posttime().toEpochMilli();
        return e;
    }

    ConfigFile toDTO() {
        return new ConfigFile(id, serverName, host, setName, setArea, setGroup, filename, config, level,
                Instant.ofEpochMilli(posttime));
    }
}
