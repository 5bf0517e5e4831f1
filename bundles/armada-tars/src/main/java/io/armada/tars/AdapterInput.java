package io.armada.tars;

/**
 * The fields of {@code add_adapter_conf} and {@code update_adapter_conf}; on update a {@code null} field is left as
 * it is (application, server and node cannot change).
 *
 * @since 1.0
 */
public record AdapterInput(String application, String serverName, String nodeName, Integer threadNum,
        String endpoint, Integer maxConnections, String allowIp, String servant, Integer queuecap,
        Integer queuetimeout, String protocol, String handlegroup) {
}
