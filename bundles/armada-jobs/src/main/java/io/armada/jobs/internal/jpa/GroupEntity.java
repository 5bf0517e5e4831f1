package io.armada.jobs.internal.jpa;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

import io.armada.jobs.Group;

/** Table JOBS_GROUP: a machine group of a project (name unique in it) with its list or percent text. */
@Entity
@Table(name = "JOBS_GROUP", uniqueConstraints = @UniqueConstraint(name = "JOBS_GROUP_NAME",
        columnNames = {"PROJECT_ID", "NAME"}))
public class GroupEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    Long id;

    @Column(name = "PROJECT_ID", nullable = false)
    long projectId;

    @Column(name = "NAME", nullable = false, length = 128)
    String name;

    @Column(name = "NOTE", nullable = false, length = 512)
    String note;

    @Column(name = "GROUP_TYPE", nullable = false, length = 16)
    String groupType;

    @Column(name = "GROUP_UUID", nullable = false, length = 32)
    String groupUuid;

    @Column(name = "SPEC", nullable = false, length = 2000)
    String spec;

    @Column(name = "EDIT_TIME", nullable = false)
    long editTime;

    public GroupEntity() {
    }

    void set(Group g) {
        projectId = g.projectId();
        name = g.name();
        note = g.note();
        groupType = g.groupType();
        groupUuid = g.groupUuid();
        spec = g.spec();
        editTime = g.editTime().toEpochMilli();
    }

    Group toDTO() {
        return new Group(id, projectId, name, note, groupType, groupUuid, spec, Instant.ofEpochMilli(editTime));
    }
}
