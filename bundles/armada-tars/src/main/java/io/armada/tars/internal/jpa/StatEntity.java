package io.armada.tars.internal.jpa;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

/**
 * Table TARS_STAT: call statistics summed per 5-minute slot (epoch seconds of its start) and dimensions (tarsstat's
 * {@code tars_stat_*} tables, beyond TarsWeb's API). The unique key is the aggregation key.
 */
@Entity
@Table(name = "TARS_STAT", uniqueConstraints = @UniqueConstraint(name = "TARS_STAT_KEY",
        columnNames = {"SLOT", "SLAVE_NAME", "INTERFACE_NAME", "MASTER_NAME", "MASTER_IP", "SLAVE_IP"}),
        indexes = @Index(name = "TARS_STAT_SLAVE", columnList = "SLAVE_NAME,SLOT"))
public class StatEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    Long id;

    @Column(name = "SLOT", nullable = false)
    long slot;

    @Column(name = "MASTER_NAME", nullable = false, length = 128)
    String masterName;

    @Column(name = "SLAVE_NAME", nullable = false, length = 128)
    String slaveName;

    @Column(name = "INTERFACE_NAME", nullable = false, length = 128)
    String interfaceName;

    @Column(name = "MASTER_IP", nullable = false, length = 64)
    String masterIp;

    @Column(name = "SLAVE_IP", nullable = false, length = 64)
    String slaveIp;

    @Column(name = "TOTAL_COUNT", nullable = false)
    long totalCount;

    @Column(name = "FAIL_COUNT", nullable = false)
    long failCount;

    @Column(name = "TIMEOUT_COUNT", nullable = false)
    long timeoutCount;

    @Column(name = "TOTAL_TIME", nullable = false)
    long totalTime;

    public StatEntity() {
    }
}
