package io.armada.files;

/**
 * A file record's status (Goperation's {@code DownFile.status}).
 *
 * @since 1.0
 */
public enum FileStatus {
    /** Whole and usable: the only status a node is sent. */
    FILEOK,
    /** Being uploaded. */
    UPLOADING,
    /** Cut off. */
    TRUNCATED,
    /** Gone from where its address points. */
    MISSED
}
