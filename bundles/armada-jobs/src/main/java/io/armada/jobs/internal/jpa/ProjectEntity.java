package io.armada.jobs.internal.jpa;

import java.time.Instant;
import java.util.List;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;

import io.armada.jobs.Project;

/** Table JOBS_PROJECT: a project's name (unique) and its nodes (JSON list of IPs). */
@Entity
@Table(name = "JOBS_PROJECT")
public class ProjectEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    Long id;

    @Column(name = "NAME", nullable = false, unique = true, length = 128)
    String name;

    @Lob
    @Column(name = "NODES", nullable = false, length = 1048576)
    String nodes;

    @Column(name = "CREATE_TIME", nullable = false)
    long createTime;

    public ProjectEntity() {
    }

    Project toDTO() {
        return new Project(id, name, JsonText.strings(nodes), Instant.ofEpochMilli(createTime));
    }

    void set(String newName, List<String> newNodes) {
        name = newName;
        nodes = JsonText.of(newNodes);
    }
}
