package io.armada.counters.internal.jpa;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** One counter: its field name and its value. Table {@code COUNTERS_COUNTER}. */
@Entity
@Table(name = "COUNTERS_COUNTER")
public class CounterEntity {
    @Id
    @Column(name = "NAME", length = 64)
    String name;

    @Column(name = "COUNTER_VALUE", nullable = false)
    long value;

    public CounterEntity() {
    }

    CounterEntity(String name, long value) {
        this.name = name;
        this.value = value;
    }
}
