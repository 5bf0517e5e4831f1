package io.armada.core.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import javax.ws.rs.Consumes;
import javax.ws.rs.Produces;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.ext.MessageBodyReader;
import javax.ws.rs.ext.MessageBodyWriter;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsMediaType;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.core.ApiException;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.ErrorKind;
import io.armada.core.Json;

/**
 * Jackson on the JAX-RS whiteboard, for every area: reads JSON request bodies into the resource's parameter type
 * and writes every JSON answer. Enforces the 1 MiB body limit while it reads (a declared Content-Length over the
 * limit is refused before a byte is read), and turns every parse or type failure into an {@link ApiException}, so
 * the client gets its dialect's error, never a 500.
 *
 * <p>An empty body reads as {@code null}: resources validate required fields themselves.
 */
@Component(service = {MessageBodyReader.class, MessageBodyWriter.class}, scope = ServiceScope.PROTOTYPE)
@JaxrsExtension
@JaxrsName(ArmadaJaxrs.JSON_PROVIDER_NAME)
@JaxrsMediaType(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", "text/json"})
@Produces({MediaType.APPLICATION_JSON, "application/*+json", "text/json"})
public class JsonProvider implements MessageBodyReader<Object>, MessageBodyWriter<Object> {

    private static final ObjectMapper MAPPER = Json.newMapper();

    private final long maxBytes;

    public JsonProvider() {
        this(ArmadaJaxrs.MAX_JSON_BYTES);
    }

    JsonProvider(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return handles(type) && isJson(mediaType);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        String declared = httpHeaders == null ? null : httpHeaders.getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > maxBytes) {
                    throw tooLarge();
                }
            } catch (NumberFormatException ignored) {
                // the container rejects a malformed Content-Length itself; the counting stream still bounds us
            }
        }
        InputStream in = new LimitedInputStream(entityStream, maxBytes);
        JavaType javaType = MAPPER.getTypeFactory().constructType(genericType != null ? genericType : type);
        try (JsonParser parser = MAPPER.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            return MAPPER.readValue(parser, javaType);
        } catch (LimitedInputStream.LimitExceeded e) {
            throw tooLarge();
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof LimitedInputStream.LimitExceeded) {
                throw tooLarge();
            }
            throw new ApiException(ErrorKind.BAD_REQUEST, Json.describe(e), e);
        } catch (IOException e) {
            if (e.getCause() instanceof LimitedInputStream.LimitExceeded) {
                throw tooLarge();
            }
            throw new ApiException(ErrorKind.BAD_REQUEST, "could not read the request body", e);
        }
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return handles(type) && isJson(mediaType);
    }

    @Override
    public long getSize(Object o, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return -1;
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream)
            throws IOException, WebApplicationException {
        SizedOutput out = new SizedOutput(entityStream, SIZED_LIMIT);
        MAPPER.writeValue(out, value);
        if (out.buffered() && httpHeaders != null) {
            // the whole answer at once with its Content-Length: one write of headers and body, no chunked encoding
            httpHeaders.putSingle(HttpHeaders.CONTENT_LENGTH, Integer.toString(out.size()));
        }
        out.finish();
    }

    /** Answers up to this size are sent with a Content-Length; larger ones stream (chunked) as they are written. */
    static final int SIZED_LIMIT = 64 * 1024;

    /**
     * Keeps what Jackson writes until the limit: under it the caller sets the Content-Length, then {@link #finish()}
     * writes it all; over it, what was kept and the rest go straight to the container's stream. Jackson closes its
     * target when done; the container's stream is the container's to close.
     */
    static final class SizedOutput extends OutputStream {
        private final OutputStream target;
        private final int limit;
        private byte[] buf = new byte[1024];
        private int size;
        private boolean streaming;

        SizedOutput(OutputStream target, int limit) {
            this.target = target;
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (streaming) {
                target.write(b, off, len);
                return;
            }
            if (size + len > limit) {
                streaming = true;
                target.write(buf, 0, size);
                target.write(b, off, len);
                buf = null;
                return;
            }
            if (size + len > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.min(limit, Math.max(buf.length * 2, size + len)));
            }
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        @Override
        public void flush() {
            // kept until finish(); a streaming answer is flushed by the container at its end
        }

        @Override
        public void close() {
            // not the container's stream
        }

        boolean buffered() {
            return !streaming;
        }

        int size() {
            return size;
        }

        void finish() throws IOException {
            if (!streaming) {
                target.write(buf, 0, size);
            }
        }
    }

    /** Types that the container's own providers handle better as they are. */
    static boolean handles(Class<?> type) {
        return type != String.class && type != byte[].class && !InputStream.class.isAssignableFrom(type)
                && !Reader.class.isAssignableFrom(type) && !File.class.isAssignableFrom(type)
                && !StreamingOutput.class.isAssignableFrom(type) && !MultivaluedMap.class.isAssignableFrom(type)
                && !type.getName().startsWith("org.apache.cxf.jaxrs.ext.multipart.")
                && !type.getName().startsWith("javax.activation.");
    }

    static boolean isJson(MediaType mediaType) {
        if (mediaType == null) {
            return true;
        }
        String sub = mediaType.getSubtype();
        return sub.equals("json") || sub.endsWith("+json") || mediaType.isWildcardType();
    }

    private ApiException tooLarge() {
        return new ApiException(ErrorKind.TOO_LARGE, "request body over the limit of " + maxBytes + " bytes");
    }
}
