package io.armada.tars.internal.jpa;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

import io.armada.tars.ConfigRef;

/** Table TARS_CONFIG_REF (TarsWeb's {@code t_config_references}): a file and one file it references, once. */
@Entity
@Table(name = "TARS_CONFIG_REF",
        uniqueConstraints = @UniqueConstraint(name = "TARS_CONFIG_REF_PAIR", columnNames = {"CONFIG_ID", "REFERENCE_ID"}),
        indexes = @Index(name = "TARS_CONFIG_REF_TARGET", columnList = "REFERENCE_ID"))
public class ConfigRefEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    Long id;

    @Column(name = "CONFIG_ID", nullable = false)
    long configId;

    @Column(name = "REFERENCE_ID", nullable = false)
    long referenceId;

    public ConfigRefEntity() {
    }

    ConfigRef toDTO() {
        return new ConfigRef(id, configId, referenceId, null);
    }
}
