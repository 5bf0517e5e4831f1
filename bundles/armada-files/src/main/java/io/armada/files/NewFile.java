package io.armada.files;

import java.util.List;

/**
 * A record to create (Goperation's {@code POST /files} schema): {@code md5}, {@code address} and {@code size} are
 * required; {@code null} elsewhere takes the default.
 *
 * @since 1.0
 */
public record NewFile(String md5, String address, Long size, String downloader, List<String> adapterArgs, String ext,
        String desc, String status, String uploadtime) {
}
