package io.armada.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.armada.core.RouteCatalog.Route;

public class OpenApiDocumentTest {

    @Test
    public void templatesLoseTheirRegex() {
        assertEquals("/agents/{id}", OpenApiDocument.openApiPath("/agents/{id: [0-9]+}"));
        assertEquals("/v1.0/agents{format}", OpenApiDocument.openApiPath("/v1.0/agents{format:(\\.json)?}"));
        assertEquals("/a/{x}/b/{y}", OpenApiDocument.openApiPath("/a/{x}/b/{ y : \\d{1,3} }"));
    }

    @Test
    @SuppressWarnings("unchecked")
    public void oneOperationPerRouteTaggedByArea() {
        Map<String, Object> doc = OpenApiDocument.build(List.of(
                new Route("GET", "/egg/domain/list", "blocklists", List.of(), List.of("application/json")),
                new Route("POST", "/egg/domain/add", "blocklists", List.of("application/json"), List.of()),
                new Route("GET", "/agents/{id: \\d+}", "agents", List.of(), List.of())), "1.0", "server");
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        assertEquals(3, paths.size());
        Map<String, Object> add = (Map<String, Object>) ((Map<String, Object>) paths.get("/egg/domain/add")).get("post");
        assertEquals(List.of("blocklists"), add.get("tags"));
        assertTrue(add.containsKey("requestBody"));
        Map<String, Object> show = (Map<String, Object>) ((Map<String, Object>) paths.get("/agents/{id}")).get("get");
        assertEquals(1, ((List<?>) show.get("parameters")).size());
    }

    @Test
    public void joinsBaseAndPath() {
        assertEquals("/health", LiveRouteCatalog.join("/", "health"));
        assertEquals("/health", LiveRouteCatalog.join("/", "/health"));
        assertEquals("/api/x", LiveRouteCatalog.join("/api/", "/x/"));
        assertEquals("/", LiveRouteCatalog.join("/", ""));
    }
}
