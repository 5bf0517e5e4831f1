package io.armada.tars.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.armada.tars.ProfileTemplate;

/**
 * Profile templates. A unique template name refused by the database throws
 * {@link io.armada.persistence.DuplicateKeyException}.
 */
public interface TemplateDao {

    ProfileTemplate insert(ProfileTemplate t);

    Optional<ProfileTemplate> find(long id);

    Optional<ProfileTemplate> find(String templateName);

    /** All templates by name (a template store is small: tens, not thousands). */
    List<ProfileTemplate> all();

    /** Changes a template; empty when it does not exist. */
    Optional<ProfileTemplate> change(long id, UnaryOperator<ProfileTemplate> change);

    /**
     * Deletes a template unless a server uses it or a template inherits from it (checked in the same transaction).
     *
     * @return why it was refused, empty when deleted (or when it did not exist)
     */
    Optional<String> delete(long id);

    /** Whether any server is deployed with this template. */
    boolean inUse(String templateName);
}
