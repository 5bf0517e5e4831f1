package io.armada.files.internal;

import java.util.List;
import java.util.Optional;

import io.armada.files.FileRecord;
import io.armada.files.FileStatus;

/**
 * Where file records are kept. Each call is one transaction, committed when it returns; values come validated. An
 * insert of an md5 that has a record throws {@link io.armada.persistence.DuplicateKeyException} and keeps nothing.
 */
public interface FileDao {

    /** How many records there are. */
    long count();

    /** Records {@code offset} to {@code offset + limit}, by upload time, then md5. */
    List<FileRecord> page(long offset, int limit);

    /** The record of an md5, if any. */
    Optional<FileRecord> find(String md5);

    /** Inserts a record. */
    FileRecord insert(FileRecord record);

    /** Sets a record's status; empty when there is no such record. */
    Optional<FileRecord> setStatus(String md5, FileStatus status);

    /** Deletes a record; the record as it was, or empty when there was none. */
    Optional<FileRecord> delete(String md5);
}
