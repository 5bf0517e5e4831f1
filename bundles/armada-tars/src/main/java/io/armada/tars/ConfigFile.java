package io.armada.tars;

import java.time.Instant;

/**
 * A configuration file (TarsWeb's {@code t_config_files}) at one of three levels: 1 an application's (or a set's,
 * with set fields), 2 a server's on all its nodes, 3 one node's. Empty set fields and host mean "none".
 *
 * @param serverName the application (level 1) or {@code app.server} (levels 2 and 3)
 * @param nodeName the node's IP for level 3, else empty
 * @since 1.0
 */
public record ConfigFile(long id, String serverName, String nodeName, String setName, String setArea, String setGroup,
        String filename, String config, int level, Instant posttime) {

    /** Application level. */
    public static final int APP = 1;
    /** Server level. */
    public static final int SERVER = 2;
    /** Node level. */
    public static final int NODE = 3;
}
