package io.armada.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The JSON settings every area shares: what core's JAX-RS provider reads and writes with, and what an area uses when
 * it stores or sends JSON itself, so a body means the same everywhere.
 *
 * @since 1.0
 */
public final class Json {

    /**
     * Deepest nesting of arrays and objects a body may have (security review L8): Jackson's default of 1000 lets an
     * untyped field ({@code Map}, {@code Object}) be read recursively deep enough to overflow a node's small thread
     * stacks (-Xss512k). No request of any dialect nests more than a few levels.
     */
    public static final int MAX_NESTING_DEPTH = 64;

    private Json() {
    }

    /**
     * A new mapper with Armada's settings: unknown fields are ignored (clients send more than we read), but a wrong
     * type is an error (a number where text is expected, a fraction where an integer is, {@code null} for a
     * primitive), duplicate keys are refused, trailing content after the value is refused, and nesting deeper than
     * {@link #MAX_NESTING_DEPTH} is refused.
     *
     * @return a new, thread-safe once configured, {@link ObjectMapper}
     */
    public static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .build();
        JsonMapper mapper = JsonMapper.builder(factory)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
        return mapper;
    }

    /**
     * A short, client-safe description of why a body could not be read: which field had the wrong type, or that the
     * JSON itself is malformed. Never echoes the value (it could be a secret).
     *
     * @param e the Jackson failure
     * @return a one-line message
     */
    public static String describe(JsonProcessingException e) {
        if (e instanceof JsonMappingException jme) {
            String field = path(jme);
            if (e instanceof InvalidFormatException ife) {
                return "invalid value for " + field + (ife.getTargetType() == null ? ""
                        : " (expected " + typeName(ife.getTargetType()) + ")");
            }
            if (e instanceof MismatchedInputException mie) {
                if (field.equals("body")) {
                    return mie.getTargetType() == null ? "malformed JSON"
                            : "body must be a JSON " + typeName(mie.getTargetType());
                }
                return "wrong type for " + field + (mie.getTargetType() == null ? ""
                        : " (expected " + typeName(mie.getTargetType()) + ")");
            }
            if (!jme.getPath().isEmpty()) {
                return "invalid value for " + field;
            }
        }
        return "malformed JSON";
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "body" : "field '" + sb + "'";
    }

    private static String typeName(Class<?> type) {
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "integer";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class
                || Number.class.isAssignableFrom(type)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (type.isEnum()) {
            return "one of the allowed values";
        }
        return "object";
    }
}
