package io.armada.monitor;

import java.util.Map;

/**
 * {@code hardware}: the operating system and the machine's models, each model with its count.
 *
 * @param serverVersion the operating system's name and version
 * @param cpu CPU model → sockets
 * @param disk disk model → disks
 * @param gfxcard graphics card → cards
 * @param memory memory module → modules
 * @param utc epoch seconds
 * @since 2.0
 */
public record HardwareFigures(String serverVersion, Map<String, Integer> cpu, Map<String, Integer> disk,
        Map<String, Integer> gfxcard, Map<String, Integer> memory, long utc) {
}
