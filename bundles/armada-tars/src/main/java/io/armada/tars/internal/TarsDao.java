package io.armada.tars.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.armada.tars.AdapterConf;
import io.armada.tars.NotifyRecord;
import io.armada.tars.ServerConf;
import io.armada.tars.TarsPage;

/**
 * Servers, adapters and the notify log of the tars area. Every write is one transaction that also writes the notify
 * row of what it did; a unique constraint that refuses it throws {@link io.armada.persistence.DuplicateKeyException}
 * and writes nothing.
 */
public interface TarsDao {

    /** A deploy named a node that is not an installed tars node; nothing was written. */
    final class NodeNotInstalled extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String ip;

        public NodeNotInstalled(String ip) {
            super("node " + ip + " is not a tars node", null, false, false);
            this.ip = ip;
        }

        public String ip() {
            return ip;
        }
    }

    /**
     * Servers with their adapters (matched by node), each server noted as {@code command}. Each server's node must be
     * an installed tars node, locked for the transaction so that it is not uninstalled meanwhile.
     *
     * @throws NodeNotInstalled for the first node that is not installed
     */
    List<ServerConf> deploy(List<ServerConf> servers, List<AdapterConf> adapters, String command, Instant at);

    Optional<ServerConf> server(long id);

    /** Changes a server; empty when it does not exist. */
    Optional<ServerConf> changeServer(long id, UnaryOperator<ServerConf> change, String command, Instant at);

    /** Ordered by application, server, node; all rows when {@code page} or {@code size} is 0. */
    TarsPage<ServerConf> servers(TreeSelector selector, int page, int size);

    List<ServerConf> inactive(String application, String serverName, String nodeName, int page, int size);

    /** Each server's place in the tree once, ordered by application and server. */
    List<ServerPosition> positions(String serverNameContains);

    /** Newest first; all rows when {@code page} or {@code size} is 0. */
    TarsPage<NotifyRecord> notifies(TreeSelector selector, int page, int size);

    /** Distinct values for the cascade: applications, servers of one, sets and nodes of one server. */
    List<String> applications();

    List<String> serverNames(String application);

    /** {@code name.area.group} of each set the server is deployed in. */
    List<String> sets(String application, String serverName);

    /** The nodes of a server, in a set ({@code name.area.group}) or, with {@code null}, in any. */
    List<String> nodes(String application, String serverName, String set);

    List<String> servants(String application, String serverName);

    /** Adds an adapter to its server on its node; empty when the server is not deployed there. */
    Optional<AdapterConf> addAdapter(AdapterConf adapter, Instant at);

    /** Deletes an adapter; the row deleted, empty when there was none. */
    Optional<AdapterConf> deleteAdapter(long id, Instant at);

    Optional<AdapterConf> changeAdapter(long id, UnaryOperator<AdapterConf> change, Instant at);

    Optional<AdapterConf> adapter(long id);

    List<AdapterConf> adapters(String application, String serverName, String nodeName);

    /** The adapters of server {@code serverId}, read with the server in one transaction; empty: no such server. */
    Optional<List<AdapterConf>> adaptersOf(long serverId);
}
