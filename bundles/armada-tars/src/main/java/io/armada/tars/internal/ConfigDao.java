package io.armada.tars.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.armada.tars.ConfigFile;
import io.armada.tars.ConfigHistory;
import io.armada.tars.ConfigRef;
import io.armada.tars.TarsPage;

/**
 * Configuration files, their history and references. Each write is one transaction and writes the history of the
 * content it sets; a unique constraint that refuses it throws {@link io.armada.persistence.DuplicateKeyException}.
 */
public interface ConfigDao {

    /** Inserts files (the first is the one asked for, the others its default node files), each with history. */
    List<ConfigFile> insert(List<ConfigFile> files, String reason, Instant at);

    Optional<ConfigFile> find(long id);

    /**
     * The file at exactly this owner and name ({@code host} empty for levels 1 and 2).
     */
    Optional<ConfigFile> find(String serverName, String setName, String setArea, String setGroup, String host,
            String filename);

    /** Files of one level and owner; {@code host} {@code null}: any host. Ordered by file name, then host. */
    List<ConfigFile> list(int level, String serverName, String setName, String setArea, String setGroup, String host);

    /** New content with its history; empty when the file does not exist. */
    Optional<ConfigFile> update(long id, String config, String reason, Instant at);

    /**
     * Deletes files with their history and their own references, refusing (with the referencing file's id) when a
     * file outside the set references one of them.
     *
     * @return the id of a file that references one being deleted, or empty when they were deleted
     */
    Optional<Long> delete(List<Long> ids);

    Optional<ConfigHistory> history(long id);

    TarsPage<ConfigHistory> histories(long configId, int page, int size);

    ConfigRef addRef(long configId, long referenceId);

    Optional<ConfigRef> deleteRef(long id);

    /** References in the order they were added, each with its file. */
    List<ConfigRef> refs(long configId);

    /**
     * What a file's merged text is made of, read in one transaction, in the order of the merge: for a node file its
     * server's file of the same name (that file's references first, then the file), then the file's own references
     * and the file itself. Empty when the file does not exist.
     */
    Optional<List<ConfigFile>> mergeChain(long id);
}
