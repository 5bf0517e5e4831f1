package io.armada.files.internal.jpa;

import java.util.List;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.core.Json;
import io.armada.files.FileRecord;
import io.armada.files.FileStatus;

/** A row of {@code FILES_RECORD}: one file record, keyed by md5 (Goperation's {@code DownFile}). */
@Entity
@Table(name = "FILES_RECORD")
public class FileEntity {
    private static final ObjectMapper JSON = Json.newMapper();

    @Id
    @Column(name = "MD5", length = 32)
    String md5;

    @Column(name = "DOWNLOADER", nullable = false, length = 12)
    String downloader;

    /** The adapter arguments as a JSON list. */
    @Column(name = "ADAPTER_ARGS", nullable = false, length = 9000)
    String adapterArgs;

    @Column(name = "ADDRESS", nullable = false, length = 512)
    String address;

    @Column(name = "EXT", nullable = false, length = 12)
    String ext;

    @Column(name = "SIZE_BYTES", nullable = false)
    long size;

    @Column(name = "STATUS", nullable = false, length = 12)
    String status;

    /** {@code yyyy-MM-dd HH:mm:ss} UTC: sorts as text. */
    @Column(name = "UPLOADTIME", nullable = false, length = 19)
    String uploadtime;

    @Column(name = "DESCRIPTION", nullable = false, length = 512)
    String desc;

    /** Whether the bytes are kept on the server (uploaded there). */
    @Column(name = "STORED", nullable = false)
    boolean stored;

    public FileEntity() {
    }

    static FileEntity of(FileRecord r) {
        FileEntity e = new FileEntity();
        e.md5 = r.md5();
        e.downloader = r.downloader();
        try {
            e.adapterArgs = JSON.writeValueAsString(r.adapterArgs() == null ? List.of() : r.adapterArgs());
        } catch (JsonProcessingException x) {
            throw new IllegalArgumentException(x);
        }
        e.address = r.address();
        e.ext = r.ext() == null ? "" : r.ext();
        e.size = r.size();
        e.status = r.status().name();
        e.uploadtime = r.uploadtime();
        e.desc = r.desc() == null ? "" : r.desc();
        e.stored = r.stored();
        return e;
    }

    FileRecord toDTO() {
        List<String> args;
        try {
            args = JSON.readValue(adapterArgs, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException x) {
            args = List.of();
        }
        return new FileRecord(md5, downloader, args, address, ext, size, FileStatus.valueOf(status), uploadtime, desc,
                stored);
    }
}
