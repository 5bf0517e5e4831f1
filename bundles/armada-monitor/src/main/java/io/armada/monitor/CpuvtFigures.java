package io.armada.monitor;

/**
 * {@code cpuvt}: whether this node can run virtual machines, and its hostname.
 *
 * @param cpuvt true when the CPU has vmx/svm, a kvm module is loaded and libvirtd runs
 * @param hostname the kernel's hostname
 * @since 2.0
 */
public record CpuvtFigures(boolean cpuvt, String hostname) {
}
