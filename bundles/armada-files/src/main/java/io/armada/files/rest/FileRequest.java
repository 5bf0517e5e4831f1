package io.armada.files.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.armada.files.NewFile;

/** The body of {@code POST /files} (JSON) and {@code PUT /files/{md5}} ({@code status} only). */
public record FileRequest(String md5, String address, Long size, String downloader,
        @JsonProperty("adapter_args") List<String> adapterArgs, String ext, String desc, String status,
        String uploadtime) {

    NewFile toNewFile() {
        return new NewFile(md5, address, size, downloader, adapterArgs, ext, desc, status, uploadtime);
    }
}
