package io.armada.monitor.rest;

import java.util.Map;

/**
 * The JSON bodies of the monitor routes. Core's JSON provider reads them strictly: a wrong type (a number where
 * text is expected, text where a number is) is refused before the route runs, with the monitor's 88888.
 */
final class Requests {
    private Requests() {
    }

    /** {@code port_status}: {@code {"ports": "55460,5905"}}. */
    record Ports(String ports) {
    }

    /**
     * {@code resource_statis}: {@code {"statis_period": 15}}; {@code node_name}, {@code node_uuid} and
     * {@code node_ip} are echoed into the answer as the original does.
     */
    record Statis(Integer statis_period, Object node_name, Object node_uuid, Object node_ip) {
    }

    /** {@code add_ip}, {@code update_ip}, {@code delete_ip}. */
    record Ip(String name, String ip, String netmask, String gateway, String dns1, String dns2) {
    }

    /** {@code exchange_ip}. */
    record Exchange(String name1, String name2) {
    }

    /** {@code verify_password}; never logged, and its text form hides the password. */
    record Password(String user, String password) {
        @Override
        public String toString() {
            return "Password[user=" + user + ", password=****]";
        }
    }

    /** {@code task}: {@code {"handler": ..., "command": ..., "data": {...}}}. */
    record Task(String handler, String command, Map<String, Object> data) {
    }
}
