package io.armada.blocklists.internal;

/** The two lists; each has its own change counter. */
public enum Blocklist {
    DOMAIN,
    PROCESS
}
