package io.armada.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.armada.core.RouteCatalog.Route;

/** Builds an OpenAPI 3.0 document (as plain maps that Jackson writes) from the live routes. */
final class OpenApiDocument {
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*([A-Za-z_][\\w.-]*)\\s*(?::[^{}]*(?:\\{[^{}]*\\}[^{}]*)*)?\\}");

    private OpenApiDocument() {
    }

    static Map<String, Object> build(List<Route> routes, String version, String role) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of(
                "title", "Armada (" + role + ")",
                "version", version,
                "description", "The routes this Armada instance serves right now; the document changes as area"
                        + " bundles come and go."));
        Map<String, Object> paths = new TreeMap<>();
        for (Route r : routes) {
            String path = openApiPath(r.path());
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(path, k -> new TreeMap<>());
            String method = r.method().toLowerCase(Locale.ROOT);
            if (method.equals("any")) {
                continue;
            }
            item.put(method, operation(r, path));
        }
        doc.put("paths", paths);
        doc.put("components", Map.of("securitySchemes", securitySchemes()));
        doc.put("security", List.of(Map.of("bearer", List.of()), Map.of("authToken", List.of()),
                Map.of("ticket", List.of()), Map.of("appkey", List.of()), Map.of("armadaToken", List.of())));
        return doc;
    }

    /** {@code /agents/{id: [0-9]+}} becomes {@code /agents/{id}}. */
    static String openApiPath(String jaxrsPath) {
        return TEMPLATE.matcher(jaxrsPath).replaceAll("{$1}");
    }

    private static Map<String, Object> operation(Route r, String path) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("tags", List.of(r.area()));
        op.put("operationId", r.method().toLowerCase(Locale.ROOT) + path.replaceAll("[^A-Za-z0-9]+", "_"));
        List<Object> params = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([^}]+)\\}").matcher(path);
        while (m.find()) {
            params.add(Map.of("name", m.group(1), "in", "path", "required", true,
                    "schema", Map.of("type", "string")));
        }
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        if (!r.consumes().isEmpty() && !r.method().equals("GET")) {
            Map<String, Object> content = new LinkedHashMap<>();
            for (String type : r.consumes()) {
                content.put(type, Map.of("schema", Map.of("type", "object")));
            }
            op.put("requestBody", Map.of("required", false, "content", content));
        }
        Map<String, Object> content = new LinkedHashMap<>();
        for (String type : r.produces().isEmpty() ? List.of("application/json") : r.produces()) {
            content.put(type, Map.of("schema", Map.of("type", "object")));
        }
        op.put("responses", Map.of("200", Map.of("description", "the area's success or error envelope",
                "content", content)));
        if (path.equals("/health")) {
            op.put("security", List.of());
        }
        return op;
    }

    private static Map<String, Object> securitySchemes() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("bearer", Map.of("type", "http", "scheme", "bearer"));
        s.put("authToken", Map.of("type", "apiKey", "in", "header", "name", "Auth-Token"));
        s.put("ticket", Map.of("type", "apiKey", "in", "query", "name", "ticket"));
        s.put("appkey", Map.of("type", "apiKey", "in", "header", "name", "appkey"));
        s.put("armadaToken", Map.of("type", "apiKey", "in", "header", "name", "X-Armada-Token"));
        return s;
    }
}
