package io.armada.tars;

import java.util.List;

/**
 * A page of rows and the number of rows in all pages.
 *
 * @since 1.0
 */
public record TarsPage<T>(long count, List<T> rows) {
}
