package io.armada.core;

import java.util.List;
import java.util.SortedSet;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The routes the JAX-RS whiteboard serves right now, and the areas they belong to. Changes as bundles come and go;
 * {@code /health}, {@code /openapi.json} and {@code armada:routes} read it.
 *
 * @since 1.0
 */
@ProviderType
public interface RouteCatalog {

    /** One live route. */
    record Route(String method, String path, String area, List<String> consumes, List<String> produces) {
    }

    /**
     * The live routes, sorted by path then method. The list object is replaced exactly when the routes change, so a
     * caller may cache what it derives from it by identity.
     *
     * @return an immutable list
     */
    List<Route> routes();

    /**
     * The areas with at least one live route.
     *
     * @return an immutable sorted set
     */
    SortedSet<String> areas();

    /**
     * Resources the whiteboard refused (a missing extension, a clash), as {@code "name: reason"} lines.
     *
     * @return an immutable list, empty when all is served
     */
    List<String> failures();
}
