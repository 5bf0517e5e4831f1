package io.armada.scheduler;

import java.util.List;

/**
 * A page of jobs (200 a page, Goperation's {@code page_num}).
 *
 * @since 1.0
 */
public record JobPage(List<ScheduledJob> rows, long total, int pagenum) {
    public JobPage {
        rows = List.copyOf(rows);
    }
}
