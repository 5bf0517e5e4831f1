package io.armada.tars.internal.jpa;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

import io.armada.tars.PatchPackage;

/** Table TARS_PATCH, the patch packages (TarsWeb's {@code t_server_patchs}). Times are epoch milliseconds. */
@Entity
@Table(name = "TARS_PATCH", indexes = @Index(name = "TARS_PATCH_SERVER", columnList = "SERVER"))
public class PatchEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    Long id;

    @Column(name = "SERVER", nullable = false, length = 257)
    String server;

    @Column(name = "TGZ", nullable = false, length = 320)
    String tgz;

    @Column(name = "MD5", nullable = false, length = 32)
    String md5;

    @Column(name = "SIZE_BYTES", nullable = false)
    long size;

    @Column(name = "UPDATE_TEXT", nullable = false, length = 1024)
    String updateText;

    @Column(name = "UPLOAD_TIME", nullable = false)
    long uploadTime;

    @Column(name = "UPLOAD_USER", nullable = false, length = 64)
    String uploadUser;

    @Column(name = "PUBLISH_TIME")
    Long publishTime;

    @Column(name = "DEFAULT_VERSION", nullable = false)
    boolean defaultVersion;

    public PatchEntity() {
    }

    PatchPackage toDTO() {
        return new PatchPackage(id, server, tgz, md5, size, updateText, Instant.ofEpochMilli(uploadTime), uploadUser,
                publishTime == null ? null : Instant.ofEpochMilli(publishTime), defaultVersion);
    }
}
