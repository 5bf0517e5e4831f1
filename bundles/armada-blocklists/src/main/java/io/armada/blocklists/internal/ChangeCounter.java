package io.armada.blocklists.internal;

/**
 * Counts a committed change of a list. Registered by {@link CountersBridge} only while the counters area is there,
 * so that no class of the block lists but the bridge needs the counters' package (which may be absent).
 */
public interface ChangeCounter {

    /**
     * Counts one committed change; never throws (a failed count is retried in the background).
     *
     * @param list the list that changed
     */
    void changed(Blocklist list);
}
