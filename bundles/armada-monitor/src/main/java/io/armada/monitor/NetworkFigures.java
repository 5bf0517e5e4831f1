package io.armada.monitor;

import java.util.Map;

/**
 * {@code network}: the configuration of the physical NICs.
 *
 * @param nics NIC name → its configuration
 * @param utc epoch seconds
 * @since 2.0
 */
public record NetworkFigures(Map<String, Nic> nics, long utc) {

    /**
     * One physical NIC; text fields are "" when unknown.
     *
     * @param ip first IPv4 address
     * @param mac hardware address
     * @param mask dotted netmask
     * @param gateway from its ifcfg file
     * @param dns1 from its ifcfg file
     * @param dns2 from its ifcfg file
     * @param speed Mb/s, 0 when unknown
     * @param up whether the link is up (the seed's {@code stat})
     * @since 2.0
     */
    public record Nic(String ip, String mac, String mask, String gateway, String dns1, String dns2, long speed,
            boolean up) {
    }
}
