package io.armada.ports.rest;

/**
 * Body of {@code DELETE .../ports/{p1,p2}}.
 *
 * @param strict {@code true} or absent: refuse when a port is not the entity's
 */
public record FreeRequest(Boolean strict) {
}
