package io.armada.tars.internal;

/** One server's place in the business tree (the columns the tree is built from). */
public record ServerPosition(String application, String serverName, boolean enableSet, String setName,
        String setArea, String setGroup) {

    /** TarsWeb's id of the server's leaf. */
    String leafId() {
        if (enableSet) {
            return "1" + application + ".2" + setName + ".3" + setArea + ".4" + setGroup + ".5" + serverName;
        }
        return "1" + application + ".5" + serverName;
    }
}
