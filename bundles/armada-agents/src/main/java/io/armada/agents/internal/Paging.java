package io.armada.agents.internal;

import io.armada.core.ApiException;

/** Goperation's list pages ({@code page_num}, {@code ROW_PER_PAGE} = 200). */
public final class Paging {
    public static final int ROWS_PER_PAGE = 200;

    private Paging() {
    }

    public static int page(Integer pageNum) {
        int p = pageNum == null ? 0 : pageNum;
        if (p < 0) {
            throw ApiException.badRequest("page_num must be at least 0");
        }
        return p;
    }

    /** Refuses a page past the end, as bulk_results does. */
    public static void check(int page, long total) {
        if (page > 0 && (long) page * ROWS_PER_PAGE >= total) {
            throw ApiException.badRequest("Page number over size or no data exist");
        }
    }

    public static int offset(int page) {
        return page * ROWS_PER_PAGE;
    }
}
