package io.armada.tars.internal;

import java.time.Instant;
import java.util.Optional;

import io.armada.tars.PatchPackage;
import io.armada.tars.TarsPage;

/** Patch package rows (TARS_PATCH). */
public interface PatchDao {

    /** Inserts a package as its server's default version (the others of that server stop being it). */
    PatchPackage insert(PatchPackage p);

    Optional<PatchPackage> find(long id);

    /** Newest first; all rows when page or size is 0. */
    TarsPage<PatchPackage> list(String server, int page, int size);

    Optional<PatchPackage> defaultOf(String server);

    /** Records that a package was sent to a node (its first publish time stays). */
    void published(long id, Instant at);
}
