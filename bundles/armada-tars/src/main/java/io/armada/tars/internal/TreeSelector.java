package io.armada.tars.internal;

import io.armada.core.ApiException;

/**
 * What a tree node id selects (TarsWeb's {@code formatTreeNodeId}): each dot-separated part is a level digit and a
 * name, 1 application, 2 set name, 3 set area, 4 set group, 5 server. Any set part selects set servers only; an
 * application and server without set parts select servers outside sets. A {@code null} field selects any value.
 *
 * @param enableSet {@code null}: any
 */
public record TreeSelector(String application, String serverName, Boolean enableSet, String setName, String setArea,
        String setGroup) {

    static final int MAX_ID = 400;

    /** Every server. */
    public static final TreeSelector ALL = new TreeSelector(null, null, null, null, null, null);

    /**
     * Parses a tree node id.
     *
     * @throws ApiException BAD_REQUEST for an id that is empty, too long or has a part without a level 1-5 and a name
     */
    public static TreeSelector parse(String treeNodeId) {
        if (treeNodeId == null || treeNodeId.isBlank()) {
            throw ApiException.badRequest("tree_node_id is required");
        }
        if (treeNodeId.length() > MAX_ID) {
            throw ApiException.badRequest("tree_node_id is longer than " + MAX_ID + " characters");
        }
        String app = null;
        String server = null;
        String setName = null;
        String setArea = null;
        String setGroup = null;
        for (String part : treeNodeId.trim().split("\\.", -1)) {
            if (part.length() < 2 || part.charAt(0) < '1' || part.charAt(0) > '5') {
                throw ApiException.badRequest("tree_node_id " + treeNodeId
                        + " is not a tree node id (parts like 1App, 2set, 3area, 4group, 5Server joined by dots)");
            }
            String v = part.substring(1);
            switch (part.charAt(0)) {
                case '1' -> app = v;
                case '2' -> setName = v;
                case '3' -> setArea = v;
                case '4' -> setGroup = v;
                default -> server = v;
            }
        }
        Boolean set = null;
        if (setName != null || setArea != null || setGroup != null) {
            set = Boolean.TRUE;
        } else if (app != null && server != null) {
            set = Boolean.FALSE;
        }
        return new TreeSelector(app, server, set, setName, setArea, setGroup);
    }
}
