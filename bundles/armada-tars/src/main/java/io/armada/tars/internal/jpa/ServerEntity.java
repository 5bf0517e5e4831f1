package io.armada.tars.internal.jpa;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

import io.armada.tars.ServerConf;

/**
 * Table TARS_SERVER, one row per server and node (TarsWeb's {@code t_server_conf}). The unique
 * (APPLICATION, SERVER_NAME, NODE_NAME) is what refuses a second deploy of a server on a node, on every server of the
 * database. Times are epoch milliseconds, {@code null} for never.
 */
@Entity
@Table(name = "TARS_SERVER",
        uniqueConstraints = @UniqueConstraint(name = "TARS_SERVER_APP_SERVER_NODE",
                columnNames = {"APPLICATION", "SERVER_NAME", "NODE_NAME"}),
        indexes = {@Index(name = "TARS_SERVER_NODE", columnList = "NODE_NAME"),
            @Index(name = "TARS_SERVER_STATE", columnList = "SETTING_STATE")})
public class ServerEntity {
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

    @Column(name = "SERVER_TYPE", nullable = false, length = 32)
    String serverType;

    @Column(name = "ENABLE_SET", nullable = false)
    boolean enableSet;

    @Column(name = "SET_NAME", length = 16)
    String setName;

    @Column(name = "SET_AREA", length = 16)
    String setArea;

    @Column(name = "SET_GROUP", length = 16)
    String setGroup;

    @Column(name = "SETTING_STATE", nullable = false, length = 16)
    String settingState;

    @Column(name = "PRESENT_STATE", nullable = false, length = 16)
    String presentState;

    @Column(name = "BAK_FLAG", nullable = false)
    boolean bakFlag;

    @Column(name = "TEMPLATE_NAME", nullable = false, length = 128)
    String templateName;

    @Column(name = "PROFILE", nullable = false, length = 32000)
    String profile;

    @Column(name = "ASYNC_THREAD_NUM", nullable = false)
    int asyncThreadNum;

    @Column(name = "BASE_PATH", nullable = false, length = 256)
    String basePath;

    @Column(name = "EXE_PATH", nullable = false, length = 256)
    String exePath;

    @Column(name = "START_SCRIPT_PATH", nullable = false, length = 256)
    String startScriptPath;

    @Column(name = "STOP_SCRIPT_PATH", nullable = false, length = 256)
    String stopScriptPath;

    @Column(name = "MONITOR_SCRIPT_PATH", nullable = false, length = 256)
    String monitorScriptPath;

    @Column(name = "PATCH_TIME")
    Long patchTime;

    @Column(name = "PATCH_VERSION", nullable = false, length = 128)
    String patchVersion;

    @Column(name = "PATCH_USER", nullable = false, length = 128)
    String patchUser;

    @Column(name = "PROCESS_ID", nullable = false)
    long processId;

    @Column(name = "POSTTIME", nullable = false)
    long posttime;

    public ServerEntity() {
    }

    static ServerEntity of(ServerConf s) {
        ServerEntity e = new ServerEntity();
        e.application = s.application();
        e.serverName = s.serverName();
        e.nodeName = s.nodeName();
        e.set(s);
        return e;
    }

    /** Every column but the id and the server's identity (application, server, node). */
    void set(ServerConf s) {
        serverType = s.serverType();
        enableSet = s.enableSet();
        setName = s.setName();
        setArea = s.setArea();
        setGroup = s.setGroup();
        settingState = s.settingState();
        presentState = s.presentState();
        bakFlag = s.bakFlag();
        templateName = s.templateName();
        profile = s.profile();
        asyncThreadNum = s.asyncThreadNum();
        basePath = s.basePath();
        exePath = s.exePath();
        startScriptPath = s.startScriptPath();
        stopScriptPath = s.stopScriptPath();
        monitorScriptPath = s.monitorScriptPath();
        patchTime = s.patchTime() == null ? null : s.patchTime().toEpochMilli();
        patchVersion = s.patchVersion();
        patchUser = s.patchUser();
        processId = s.processId();
        posttime = s.posttime().toEpochMilli();
    }

    ServerConf toDTO() {
        return new ServerConf(id, application, serverName, nodeName, serverType, enableSet, setName, setArea,
                setGroup, settingState, presentState, bakFlag, templateName, profile, asyncThreadNum, basePath, exePath,
                startScriptPath, stopScriptPath, monitorScriptPath,
                patchTime == null ? null : Instant.ofEpochMilli(patchTime), patchVersion, patchUser, processId,
                Instant.ofEpochMilli(posttime));
    }
}
