package io.armada.files;

import java.util.List;

/**
 * One page of file records.
 *
 * @param rows the records of the page, by upload time, then md5
 * @param total how many records there are
 * @param pagenum the page's number, from 0
 * @since 1.0
 */
public record FilePage(List<FileRecord> rows, long total, int pagenum) {
}
