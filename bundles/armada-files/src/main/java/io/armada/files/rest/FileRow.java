package io.armada.files.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.armada.files.FileRecord;

/** A file record as Goperation's file routes write it. */
public record FileRow(String md5, String downloader, @JsonProperty("adapter_args") List<String> adapterArgs,
        String address, String ext, long size, String status, String uploadtime, String desc) {

    static FileRow of(FileRecord r) {
        return new FileRow(r.md5(), r.downloader(), r.adapterArgs(), r.address(), r.ext(), r.size(), r.status().name(),
                r.uploadtime(), r.desc());
    }

    /** What {@code POST /files} answers (originals.md §000.9). */
    record Created(String md5, long size, String uploadtime, String downloader) {
        static Created of(FileRecord r) {
            return new Created(r.md5(), r.size(), r.uploadtime(), r.downloader());
        }
    }
}
