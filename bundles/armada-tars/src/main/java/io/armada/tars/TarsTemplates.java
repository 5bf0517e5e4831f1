package io.armada.tars;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Profile templates with TarsFramework's inheritance (reference §002.7): a template's merged text is its own, with
 * every key and domain of its ancestors that it lacks added (the child wins). A cycle is refused.
 *
 * @since 1.0
 */
@ProviderType
public interface TarsTemplates {

    ProfileTemplate add(String templateName, String parentsName, String profile);

    /** Deletes a template no server uses and no template inherits from; its id. */
    long delete(long id);

    /** Changes a template; its parent must exist, no cycle may result, and a template in use keeps its name. */
    ProfileTemplate update(long id, String templateName, String parentsName, String profile);

    ProfileTemplate get(String templateName);

    /** Templates whose name and parent contain the given texts (either may be {@code null}), by name. */
    List<ProfileTemplate> query(String templateName, String parentsName);

    /** Every template's name, sorted. */
    List<String> names();

    /** The template's text merged with its ancestors'. */
    String merged(String templateName);
}
