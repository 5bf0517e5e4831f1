package io.armada.blocklists.internal.jpa;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

import io.armada.blocklists.ProcessBlock;
import io.armada.blocklists.internal.BlocklistRules;

/** A row of {@code BLOCKLISTS_PROCESS}; {@code PROCESS_KEY} is unique (see {@link BlocklistRules#processKey}). */
@Entity
@Table(name = "BLOCKLISTS_PROCESS",
        uniqueConstraints = @UniqueConstraint(name = "BLOCKLISTS_PROCESS_UQ", columnNames = "PROCESS_KEY"))
public class ProcessBlockEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    Long id;

    @Column(name = "PROCESS_NAME", nullable = false, length = 255)
    String process;

    @Column(name = "SIGNATURE", nullable = false, length = 1024)
    String signature;

    @Column(name = "PROCESS_KEY", nullable = false, length = 64)
    String key;

    public ProcessBlockEntity() {
    }

    /** Sets name and signature and their uniqueness key together. */
    void assign(String processName, String processSignature) {
        this.process = processName;
        this.signature = processSignature;
        this.key = BlocklistRules.processKey(processName, processSignature);
    }

    ProcessBlock toDTO() {
        return new ProcessBlock(id, process, signature);
    }
}
