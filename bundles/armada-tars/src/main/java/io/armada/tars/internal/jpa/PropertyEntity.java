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
 * Table TARS_PROPERTY: property values per 5-minute slot and dimensions (tarsproperty's tables), kept as sum, count,
 * max and min so that each policy (Sum, Avg, Max, Min, Count) reads its own aggregate.
 */
@Entity
@Table(name = "TARS_PROPERTY", uniqueConstraints = @UniqueConstraint(name = "TARS_PROPERTY_KEY",
        columnNames = {"SLOT", "MASTER_NAME", "PROPERTY_NAME", "POLICY", "MASTER_IP"}),
        indexes = @Index(name = "TARS_PROPERTY_MASTER", columnList = "MASTER_NAME,SLOT"))
public class PropertyEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    Long id;

    @Column(name = "SLOT", nullable = false)
    long slot;

    @Column(name = "MASTER_NAME", nullable = false, length = 128)
    String masterName;

    @Column(name = "MASTER_IP", nullable = false, length = 64)
    String masterIp;

    @Column(name = "PROPERTY_NAME", nullable = false, length = 128)
    String propertyName;

    @Column(name = "POLICY", nullable = false, length = 16)
    String policy;

    @Column(name = "VALUE_SUM", nullable = false)
    double sum;

    @Column(name = "VALUE_COUNT", nullable = false)
    long count;

    @Column(name = "VALUE_MAX", nullable = false)
    double max;

    @Column(name = "VALUE_MIN", nullable = false)
    double min;

    public PropertyEntity() {
    }
}
