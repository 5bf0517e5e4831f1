package io.armada.files;

import java.util.List;

/**
 * A file record (Goperation's {@code DownFile}): where a file can be downloaded, and what it must be.
 *
 * @param md5 the file's md5, 32 lower-case hex digits; the record's key
 * @param downloader how a node fetches it ({@code http}, the default)
 * @param adapterArgs the downloader's arguments
 * @param address the file's URI (for a file uploaded to the server: the server's download route)
 * @param ext the file's extension, without a leading dot
 * @param size the file's size in bytes
 * @param status {@link FileStatus}
 * @param uploadtime when it was recorded, {@code yyyy-MM-dd HH:mm:ss} UTC
 * @param desc a description
 * @param stored whether the bytes are kept on this server (uploaded here)
 * @since 1.0
 */
public record FileRecord(String md5, String downloader, List<String> adapterArgs, String address, String ext, long size,
        FileStatus status, String uploadtime, String desc, boolean stored) {
}
