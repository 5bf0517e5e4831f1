package io.armada.agents;

import java.util.List;

/**
 * A page of async requests.
 *
 * @param total all requests that match
 * @param pagenum the page number
 * @param rows the requests of this page (without answers)
 * @since 1.0
 */
public record AsyncPage(long total, int pagenum, List<AsyncRequestView> rows) {
}
