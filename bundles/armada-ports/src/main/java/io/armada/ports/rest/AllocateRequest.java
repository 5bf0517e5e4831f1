package io.armada.ports.rest;

import java.util.List;

/**
 * Body of {@code POST .../ports}.
 *
 * @param ports the ports wanted, {@code null} items for any free port
 * @param desc an optional description stored with each port
 */
public record AllocateRequest(List<Integer> ports, String desc) {
}
