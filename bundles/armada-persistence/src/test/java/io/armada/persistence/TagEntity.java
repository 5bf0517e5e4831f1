package io.armada.persistence;

import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.ManyToOne;
import javax.persistence.Table;

/** A second table with a foreign key to {@link NoteEntity}, as the areas' tables have (tars, jobs). */
@Entity
@Table(name = "PTEST_TAG")
public class TagEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "NOTE_ID")
    NoteEntity note;

    String name;

    public TagEntity() {
    }

    TagEntity(NoteEntity note, String name) {
        this.note = note;
        this.name = name;
    }
}
