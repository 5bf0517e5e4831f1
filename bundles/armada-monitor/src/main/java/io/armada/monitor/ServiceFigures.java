package io.armada.monitor;

import java.util.Map;

/**
 * {@code service}: the configured systemd services.
 *
 * @param states service → its state ({@code running}, {@code exited}, ...) or {@code not found}
 * @param utc epoch seconds
 * @since 2.0
 */
public record ServiceFigures(Map<String, String> states, long utc) {
}
