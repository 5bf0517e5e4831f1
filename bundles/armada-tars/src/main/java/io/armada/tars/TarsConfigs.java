package io.armada.tars;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Configuration files, their history and references, and the merged text a node loads (reference §002.6).
 * Refusals are {@link io.armada.core.ApiException}s; a refused change writes nothing.
 *
 * @since 1.0
 */
@ProviderType
public interface TarsConfigs {

    /**
     * Adds a file; a server-level file also gets an empty node-level file on each node the server is deployed on.
     */
    ConfigFile add(NewConfig config);

    /**
     * Deletes a file with its history and its own references (a server-level file with its node-level files); a
     * file that another references is refused. Returns the id.
     */
    long delete(long id);

    /** New content, with the reason written to the history. */
    ConfigFile update(long id, String config, String reason);

    ConfigFile get(long id);

    /**
     * Files by TarsWeb's level selector: 1 the application's, 2-4 a set's (name; name and area; name, area and group),
     * 5 a server's (in the set given, or outside sets).
     */
    List<ConfigFile> list(int level, String application, String serverName, String setName, String setArea,
            String setGroup);

    /**
     * The node-level files of a server named like the file {@code configId}, one per node the server is deployed on
     * (created empty where missing, as TarsWeb does).
     */
    List<ConfigFile> nodeFiles(String application, String serverName, String setName, String setArea,
            String setGroup, long configId);

    ConfigHistory history(long id);

    /** A file's history, newest first; {@code page} 1-based. */
    TarsPage<ConfigHistory> histories(long configId, int page, int size);

    ConfigRef addRef(long configId, long referenceId);

    long deleteRef(long id);

    /** A file's references in the order they were added, each with the referenced file. */
    List<ConfigRef> refs(long configId);

    /**
     * The text a node loads for a file (TarsFramework's {@code loadConfigByHost}): the server-level file's references,
     * the server-level file, the node-level file's references and the node-level file, non-empty parts joined by
     * {@code "\r\n\r\n"}. For a file of level 1 or 2: its references, then itself.
     */
    String merged(long id);
}
