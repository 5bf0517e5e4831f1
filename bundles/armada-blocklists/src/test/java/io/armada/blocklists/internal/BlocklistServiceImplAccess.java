package io.armada.blocklists.internal;

import io.armada.blocklists.BlocklistService;

/** Lets tests in other packages build the service on a DAO of their own. */
public final class BlocklistServiceImplAccess {
    private BlocklistServiceImplAccess() {
    }

    public static BlocklistService create(BlocklistDao dao) {
        return new BlocklistServiceImpl(dao);
    }
}
