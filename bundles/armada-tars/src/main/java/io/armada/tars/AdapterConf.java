package io.armada.tars;

import java.time.Instant;

/**
 * One adapter (an endpoint a servant listens on) of a server on one node: TarsWeb's {@code t_adapter_conf} row.
 *
 * @param endpoint {@code "<tcp|udp|ssl> -h <bind ip> -t <timeout ms> -p <port> -e <0|1>"}
 * @param servant {@code app.server.obj}
 * @param adapterName the servant followed by {@code Adapter}
 * @param queuecap the queue's length, {@code null} when not set
 * @param queuetimeout the queue's timeout in milliseconds, {@code null} when not set
 * @since 1.0
 */
public record AdapterConf(long id, String application, String serverName, String nodeName, String adapterName,
        int threadNum, String endpoint, int maxConnections, String allowIp, String servant, Integer queuecap,
        Integer queuetimeout, Instant posttime, String protocol, String handlegroup) {
}
