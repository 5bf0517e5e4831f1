package io.armada.files.rest;

import java.util.Optional;

/**
 * One byte range of an HTTP {@code Range} header (RFC 9110 §14.1.2): {@code bytes=a-b}, {@code bytes=a-} or
 * {@code bytes=-n}. Several ranges, or another unit, are ignored (the whole file is sent, as the RFC allows).
 *
 * @param first the first byte
 * @param last the last byte, inclusive
 */
record ByteRange(long first, long last) {

    long length() {
        return last - first + 1;
    }

    /** Why a range is refused: the server answers 416. */
    static final class Unsatisfiable extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /**
     * The range of {@code header} in a file of {@code size} bytes; empty for no header, or one to ignore.
     *
     * @throws Unsatisfiable when the range starts past the end of the file
     */
    static Optional<ByteRange> parse(String header, long size) throws Unsatisfiable {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return Optional.empty();
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        try {
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0) {
                    throw new Unsatisfiable();
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            if (first < 0 || (!b.isEmpty() && Long.parseLong(b) < first)) {
                return Optional.empty();
            }
            if (first >= size) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
