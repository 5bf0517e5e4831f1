package io.armada.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.jetty.http.MultiPartParser;

import io.armada.core.ApiException;

/**
 * A {@code multipart/form-data} body read as a stream, part after part, with nothing held but one buffer: Jetty's
 * {@link MultiPartParser} (the HTTP server's own, RFC 7578) finds the boundaries, and this class turns its push
 * events into a pull API ({@link #next()}, then the part's bytes from {@link #stream()}).
 *
 * <p>Why not commons-fileupload's streaming API: its {@code MultipartStream.findSeparator} compares the boundary at
 * every byte and capped a 100 MiB upload at 300-400 MiB/s of parsing on one core (the profile of a
 * {@code bench/files.sh} upload spent 98% of its samples there); Jetty's parser searches with a precomputed skip table.
 *
 * <p>Limits: at most {@code maxBytes} of body (more: BAD_REQUEST), at most {@code maxParts} parts; a body that ends
 * before its closing boundary fails the part being read with an {@link IOException}.
 *
 * <p>Used by the files area (uploads) and the tars area (patch packages); one instance per request, one thread.
 */
public final class MultipartReader implements AutoCloseable {
    public static final int BUFFER = 256 * 1024;

    /** A part's headers. */
    public record Part(String name, String filename) {
        /** Whether the part is a file (its headers name a filename). */
        public boolean isFile() {
            return filename != null;
        }
    }

    private final InputStream in;
    private final long maxBytes;
    private final int maxParts;
    private final MultiPartParser parser;
    /** Request bytes not parsed yet; a heap buffer (the parser reads its array). */
    private final ByteBuffer input = ByteBuffer.allocate(BUFFER).limit(0);
    private long read;
    private boolean eof;

    // parser events
    private int parts;
    private String name;
    private String filename;
    private boolean headersDone;
    private ByteBuffer pending;
    private boolean partEnded = true;
    private boolean complete;
    private boolean early;

    private Part current;

    public MultipartReader(InputStream in, String boundary, long maxBytes, int maxParts) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.maxParts = maxParts;
        this.parser = new MultiPartParser(new Events(), boundary);
    }

    /** The boundary of a {@code multipart/form-data} content type, or BAD_REQUEST. */
    public static String boundary(String contentType) {
        String b = contentType == null ? null : param(contentType, "boundary");
        if (b == null || b.isEmpty() || b.length() > 70) {
            throw ApiException.badRequest("multipart/form-data needs a boundary of 1..70 characters");
        }
        return b;
    }

    /**
     * A parameter of a header value ({@code form-data; name="file"; filename="a b.txt"}): the value after
     * {@code key=}, unquoted (backslash escapes honoured), or null when absent. Keys are matched in any case.
     */
    public static String param(String header, String key) {
        List<String> items = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (quoted && c == '\\' && i + 1 < header.length()) {
                cur.append(c).append(header.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                cur.append(c);
            } else if (c == ';' && !quoted) {
                items.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        items.add(cur.toString());
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq < 0 || !item.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals(key)) {
                continue;
            }
            String v = item.substring(eq + 1).trim();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                StringBuilder u = new StringBuilder();
                for (int i = 1; i < v.length() - 1; i++) {
                    char c = v.charAt(i);
                    if (c == '\\' && i + 1 < v.length() - 1) {
                        c = v.charAt(++i);
                    }
                    u.append(c);
                }
                return u.toString();
            }
            return v;
        }
        return null;
    }

    /**
     * The next part (what is left of the current one is skipped), or null after the closing boundary.
     *
     * @throws IOException when the body ends before its closing boundary, or cannot be read
     */
    public Part next() throws IOException {
        byte[] skip = new byte[8192];
        if (current != null) {
            InputStream s = stream();
            while (s.read(skip) >= 0) {
                // skipped
            }
        }
        current = null;
        headersDone = false;
        while (!headersDone) {
            if (complete) {
                return null;
            }
            step();
        }
        current = new Part(name, filename);
        return current;
    }

    /** The bytes of the current part. */
    public InputStream stream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (true) {
                    if (pending != null && pending.hasRemaining()) {
                        int n = Math.min(len, pending.remaining());
                        pending.get(b, off, n);
                        return n;
                    }
                    if (partEnded) {
                        return -1;
                    }
                    step();
                }
            }
        };
    }

    /** One parser step: parses what is buffered, or reads more first. Nothing pending is overwritten. */
    private void step() throws IOException {
        if (early) {
            throw new IOException("the multipart body ends before its closing boundary");
        }
        if (complete) {
            throw new IOException("the multipart body has ended");
        }
        if (!input.hasRemaining() && !eof) {
            int n = in.read(input.array(), 0, input.capacity());
            if (n < 0) {
                eof = true;
                input.position(0).limit(0);
            } else {
                read += n;
                if (read > maxBytes) {
                    throw ApiException.badRequest("file is larger than " + io.armada.core.ArmadaJaxrs.MAX_UPLOAD_BYTES
                            + " bytes");
                }
                input.position(0).limit(n);
            }
        }
        try {
            parser.parse(input, eof);
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException("malformed multipart body: " + e.getMessage(), e);
        }
        if (early && (pending == null || !pending.hasRemaining())) {
            throw new IOException("the multipart body ends before its closing boundary");
        }
    }

    /** The parser's push events, kept off the public API (no Jetty type in it). */
    private final class Events implements MultiPartParser.Handler {
        @Override
        public void startPart() {
            if (++parts > maxParts) {
                throw ApiException.badRequest("more than " + maxParts + " parts in the upload");
            }
            name = null;
            filename = null;
            pending = null;
            partEnded = false;
        }

        @Override
        public void parsedField(String field, String value) {
            if ("content-disposition".equalsIgnoreCase(field) && value != null) {
                name = param(value, "name");
                filename = param(value, "filename");
            }
        }

        @Override
        public boolean headerComplete() {
            headersDone = true;
            return true;
        }

        @Override
        public boolean content(ByteBuffer buffer, boolean last) {
            pending = buffer;
            if (last) {
                partEnded = true;
            }
            return true;
        }

        @Override
        public boolean messageComplete() {
            complete = true;
            return true;
        }

        @Override
        public void earlyEOF() {
            early = true;
        }
    }

    @Override
    public void close() {
        // the request body belongs to the container
    }
}
