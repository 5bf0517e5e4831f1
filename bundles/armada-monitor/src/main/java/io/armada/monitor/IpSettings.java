package io.armada.monitor;

/**
 * The fields of {@code add_ip}/{@code update_ip}: the interface name ({@code eth0} or a sub-interface
 * {@code eth0:1}) and its IPv4 settings; {@code dns1}/{@code dns2} may be {@code null} or empty.
 *
 * @since 1.0
 */
public record IpSettings(String name, String ip, String netmask, String gateway, String dns1, String dns2) {
}
