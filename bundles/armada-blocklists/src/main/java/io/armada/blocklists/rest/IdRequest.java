package io.armada.blocklists.rest;

import io.armada.core.ApiException;
import io.armada.core.Params;

/** Body of the {@code delete} routes, and the optional body of {@code list}: {@code {"id": 7}}. */
public class IdRequest {
    /** The row's id. */
    public Long id;

    /** The id of a body that must have one. */
    static long required(Long id) {
        long value = Params.required(id, "id");
        if (value <= 0) {
            throw ApiException.badRequest("id must be a positive integer");
        }
        return value;
    }

    /**
     * The id a {@code list} call asks for: from the query string, else from a JSON body; {@code null} for all rows.
     */
    static Long forList(String query, IdRequest body) {
        if (query != null) {
            return Params.id(query, "id");
        }
        return body == null || body.id == null ? null : required(body.id);
    }
}
