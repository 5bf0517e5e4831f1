package io.armada.blocklists.internal.jpa;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

import io.armada.blocklists.DomainBlock;
import io.armada.blocklists.internal.BlocklistRules;

/** A row of {@code BLOCKLISTS_DOMAIN}; {@code DOMAIN_KEY} is unique (see {@link BlocklistRules#domainKey}). */
@Entity
@Table(name = "BLOCKLISTS_DOMAIN",
        uniqueConstraints = @UniqueConstraint(name = "BLOCKLISTS_DOMAIN_UQ", columnNames = "DOMAIN_KEY"))
public class DomainBlockEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    Long id;

    @Column(name = "DOMAIN_NAME", nullable = false, length = 253)
    String domain;

    @Column(name = "DOMAIN_KEY", nullable = false, length = 64)
    String key;

    public DomainBlockEntity() {
    }

    /** Sets the domain and its uniqueness key together. */
    void assign(String value) {
        this.domain = value;
        this.key = BlocklistRules.domainKey(value);
    }

    DomainBlock toDTO() {
        return new DomainBlock(id, domain);
    }
}
