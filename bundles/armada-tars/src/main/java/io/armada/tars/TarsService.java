package io.armada.tars;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Servers, adapters, the business tree and the notify log (seed 002, TarsWeb's rules). Refusals are
 * {@link io.armada.core.ApiException}s: a bad or missing argument, an unknown id, a duplicate server or adapter;
 * a refused change writes nothing.
 *
 * @since 1.0
 */
@ProviderType
public interface TarsService {

    /** The business tree: applications, set levels, servers; {@code searchKey} filters server names. */
    List<TreeNode> tree(String searchKey);

    /** Deploys a server on every node its adapters name, in one transaction; the rows created. */
    List<ServerConf> deploy(NewServer server);

    ServerConf update(ServerChange change);

    ServerConf server(long id);

    /**
     * The servers under a tree node, ordered by application, server and node.
     *
     * @param treeNodeId a tree node id ({@link TreeNode#id()})
     * @param page 1-based; 0 with {@code size} 0: all rows
     */
    TarsPage<ServerConf> servers(String treeNodeId, int page, int size);

    /** Servers whose setting state is {@code inactive}, filtered by whichever of the three is not empty. */
    List<ServerConf> inactive(String application, String serverName, String nodeName, int page, int size);

    /** The notify log of the servers under a tree node, newest first. */
    TarsPage<NotifyRecord> notifies(String treeNodeId, int page, int size);

    /**
     * What {@code expand_server} would deploy: each adapter of the server on {@code sourceNode}, on each of
     * {@code expandNodes}.
     */
    List<ExpandPreview> expandPreview(String application, String serverName, String sourceNode,
            List<String> expandNodes, boolean enableSet, String setName, String setArea, String setGroup);

    /** The server types a server may have ({@code server_type_list}). */
    List<String> serverTypes();

    /** The values of one level of the cascade (1 applications, 2 servers, 3 sets, 4 nodes, 5 servants). */
    List<String> cascade(int level, String application, String serverName, String set);

    AdapterConf addAdapter(AdapterInput adapter);

    /** Deletes an adapter; its id. */
    long deleteAdapter(long id);

    AdapterConf updateAdapter(long id, AdapterInput change);

    AdapterConf adapter(long id);

    /** The adapters of a server on its node. */
    List<AdapterConf> adapters(long serverId);
}
