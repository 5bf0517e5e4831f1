package io.armada.tars;

import java.util.List;

/**
 * What {@code deploy_server} takes: one server, its adapters, and the nodes they name (one server row per distinct
 * node).
 *
 * @param nodeName the node of adapters that name none (TarsWeb's legacy top-level field), may be {@code null}
 * @param serverType {@code null}: {@code tars_cpp}
 * @param operator kept as the original does, not used for authorisation (one fleet token)
 * @since 1.0
 */
public record NewServer(String application, String serverName, String nodeName, String serverType,
        String templateName, boolean enableSet, String setName, String setArea, String setGroup, String operator,
        List<NewServant> adapters) {

    /**
     * One adapter of {@code deploy_server}.
     *
     * @param portType {@code tcp}, {@code udp} or {@code ssl}
     * @param auth 0 or 1, the endpoint's {@code -e}
     * @param threadNum {@code null}: 1
     * @param maxConnections {@code null}: 1000
     * @param protocol {@code null}: {@code tars}
     * @since 1.0
     */
    public record NewServant(String nodeName, String objName, String bindIp, int port, String portType,
            String protocol, Integer threadNum, Integer maxConnections, Integer queuecap, Integer queuetimeout,
            int auth) {
    }
}
