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

import io.armada.tars.AdapterConf;

/**
 * Table TARS_ADAPTER, one row per adapter of a server on a node (TarsWeb's {@code t_adapter_conf}); an adapter name
 * is unique per server and node. PORT is the endpoint's {@code -p}, kept apart so that the ports used on a node are
 * one indexed query.
 */
@Entity
@Table(name = "TARS_ADAPTER",
        uniqueConstraints = @UniqueConstraint(name = "TARS_ADAPTER_NAME",
                columnNames = {"APPLICATION", "SERVER_NAME", "NODE_NAME", "ADAPTER_NAME"}),
        indexes = @Index(name = "TARS_ADAPTER_NODE", columnList = "NODE_NAME"))
public class AdapterEntity {
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

    @Column(name = "ADAPTER_NAME", nullable = false, length = 400)
    String adapterName;

    @Column(name = "THREAD_NUM", nullable = false)
    int threadNum;

    @Column(name = "ENDPOINT", nullable = false, length = 256)
    String endpoint;

    @Column(name = "PORT")
    Integer port;

    @Column(name = "MAX_CONNECTIONS", nullable = false)
    int maxConnections;

    @Column(name = "ALLOW_IP", nullable = false, length = 1024)
    String allowIp;

    @Column(name = "SERVANT", nullable = false, length = 400)
    String servant;

    @Column(name = "QUEUECAP")
    Integer queuecap;

    @Column(name = "QUEUETIMEOUT")
    Integer queuetimeout;

    @Column(name = "POSTTIME", nullable = false)
    long posttime;

    @Column(name = "PROTOCOL", nullable = false, length = 32)
    String protocol;

    @Column(name = "HANDLEGROUP", nullable = false, length = 128)
    String handlegroup;

    public AdapterEntity() {
    }

    static AdapterEntity of(AdapterConf a, Integer port) {
        AdapterEntity e = new AdapterEntity();
        e.application = a.application();
        e.serverName = a.serverName();
        e.nodeName = a.nodeName();
        e.set(a, port);
        return e;
    }

    /** Every column but the id and the owner (application, server, node). */
    void set(AdapterConf a, Integer endpointPort) {
        adapterName = a.adapterName();
        threadNum = a.threadNum();
        endpoint = a.endpoint();
        port = endpointPort;
        maxConnections = a.maxConnections();
        allowIp = a.allowIp();
        servant = a.servant();
        queuecap = a.queuecap();
        queuetimeout = a.queuetimeout();
        posttime = a.posttime().toEpochMilli();
        protocol = a.protocol();
        handlegroup = a.handlegroup();
    }

    AdapterConf toDTO() {
        return new AdapterConf(id, application, serverName, nodeName, adapterName, threadNum, endpoint, maxConnections,
                allowIp, servant, queuecap, queuetimeout, Instant.ofEpochMilli(posttime), protocol, handlegroup);
    }
}
