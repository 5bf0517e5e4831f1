package io.armada.tars;

import java.time.Instant;

/**
 * An uploaded patch package (TarsWeb's {@code t_server_patchs} row, reference §002.9).
 *
 * @param server {@code app.module}
 * @param tgz the stored file's name, {@code <app>.<module>_suse_<epochms>.tgz}
 * @param md5 the md5 computed while the upload streamed in
 * @param comment TarsWeb's {@code update_text}
 * @param defaultVersion whether this is the server's default package (the newest upload)
 * @since 1.1
 */
public record PatchPackage(long id, String server, String tgz, String md5, long size, String comment,
        Instant uploadTime, String uploadUser, Instant publishTime, boolean defaultVersion) {
}
