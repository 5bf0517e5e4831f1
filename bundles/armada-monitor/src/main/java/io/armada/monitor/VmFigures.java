package io.armada.monitor;

/**
 * {@code vm}: running virtual machines.
 *
 * @param numbers running qemu-kvm / qemu-system-* processes
 * @param utc epoch seconds
 * @since 2.0
 */
public record VmFigures(int numbers, long utc) {
}
