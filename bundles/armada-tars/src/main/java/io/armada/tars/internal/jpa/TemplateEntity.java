package io.armada.tars.internal.jpa;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;

import io.armada.tars.ProfileTemplate;

/** Table TARS_TEMPLATE (TarsWeb's {@code t_profile_template}); a template name is unique. */
@Entity
@Table(name = "TARS_TEMPLATE")
public class TemplateEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    Long id;

    @Column(name = "TEMPLATE_NAME", nullable = false, unique = true, length = 128)
    String templateName;

    @Column(name = "PARENTS_NAME", nullable = false, length = 128)
    String parentsName;

    @Lob
    @Column(name = "PROFILE", nullable = false, length = 1048576)
    String profile;

    @Column(name = "POSTTIME", nullable = false)
    long posttime;

    public TemplateEntity() {
    }

    ProfileTemplate toDTO() {
        return new ProfileTemplate(id, templateName, parentsName, profile, Instant.ofEpochMilli(posttime));
    }
}
