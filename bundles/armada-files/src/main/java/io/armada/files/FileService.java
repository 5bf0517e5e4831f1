package io.armada.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * File records (seed 000, SPEC §10.2) and the files uploaded to this server under {@code ${armada.data}/files}.
 *
 * <p>Refusals are {@link io.armada.core.ApiException}s: {@code BAD_REQUEST} for input that does not fit the schema
 * (a malformed md5, a missing address, a size that is not a number, an upload over
 * {@link io.armada.core.ArmadaJaxrs#MAX_UPLOAD_BYTES} or whose bytes do not match the md5 given), {@code NOT_FOUND}
 * for an unknown md5 where one must exist. A refused change writes nothing.
 *
 * @since 1.0
 */
@ProviderType
public interface FileService {
    /** Rows per page of {@link #page(int)} (Goperation's {@code ROW_PER_PAGE}). */
    int ROWS_PER_PAGE = io.armada.core.Goperation.ROWS_PER_PAGE;

    /**
     * One page of records.
     *
     * @param pageNum from 0; a page past the end is refused
     * @return the page
     * @since 1.0
     */
    FilePage page(int pageNum);

    /**
     * One record.
     *
     * @param md5 32 hex digits (any case)
     * @return the record, or empty when there is none
     * @throws io.armada.core.ApiException BAD_REQUEST when {@code md5} is not an md5
     * @since 1.0
     */
    Optional<FileRecord> file(String md5);

    /**
     * Creates a record (the bytes stay where its address points).
     *
     * @param file the new record
     * @return the record as stored
     * @throws io.armada.core.ApiException BAD_REQUEST for input outside the schema, REFUSED when the md5 has a record
     * @since 1.0
     */
    FileRecord create(NewFile file);

    /**
     * Sets a record's status.
     *
     * @return the record as it is now
     * @throws io.armada.core.ApiException NOT_FOUND for an unknown md5, BAD_REQUEST for an unknown status
     * @since 1.0
     */
    FileRecord setStatus(String md5, String status);

    /**
     * Deletes a record and, when it was uploaded here, its bytes.
     *
     * @return the record as it was, or empty when there was none (deleting twice is no error)
     * @since 1.0
     */
    Optional<FileRecord> delete(String md5);

    /**
     * Stores an uploaded file, streaming: the md5 is computed while the bytes are written under a temporary name,
     * which becomes the file only when every byte arrived and the md5 matches {@code expectedMd5} (when given).
     * Otherwise nothing is kept.
     *
     * @param in the file's bytes
     * @param expectedMd5 the md5 the client says the file has, or {@code null}
     * @param ext the extension, or {@code null}
     * @param desc a description, or {@code null}
     * @param address the record's address, given the md5: the server's download route for it
     * @return the record ({@code FILEOK}); the existing one when the same bytes were uploaded before
     * @throws IOException when reading {@code in} fails (the client went away): nothing is kept
     * @since 1.0
     */
    FileRecord upload(InputStream in, String expectedMd5, String ext, String desc,
            java.util.function.Function<String, String> address) throws IOException;

    /**
     * Sends a file to agents (seed 000 {@code send_file}): an async request in which each agent's node fetches the
     * file from its record's address ({@code FileHandler fetch_file}) and checks its size and md5. A file uploaded
     * here is fetched from this server's download route ({@code public_url} when set), with the token.
     *
     * @param agents Goperation's agent selection ({@code all}, {@code 1}, {@code 1-3,7})
     * @param md5 the file's record, {@code FILEOK}
     * @param window the client's time window
     * @return the request as started
     * @throws io.armada.core.ApiException BAD_REQUEST for a malformed md5, selection or window; NOT_FOUND for an md5
     *         without a record; REFUSED for a record not {@code FILEOK}; UNAVAILABLE when the agents area is absent
     * @since 1.1
     */
    AgentRequest send(String agents, String md5, RequestWindow window);

    /**
     * Lists the files on agents (seed 000 {@code list_file}; a stub in Goperation): each node answers the md5, size
     * and path of every file of its files root ({@code FileHandler list_files}).
     *
     * @throws io.armada.core.ApiException as {@link #send}, without the record checks
     * @since 1.1
     */
    AgentRequest list(String agents, RequestWindow window);

    /**
     * Removes a file from agents (seed 000 {@code clean_file}; a stub in Goperation): each node deletes the file of
     * that md5 from its files root ({@code FileHandler delete_file {md5}}). Needs no record.
     *
     * @throws io.armada.core.ApiException as {@link #send}, without the record checks
     * @since 1.1
     */
    AgentRequest clean(String agents, String md5, RequestWindow window);

    /**
     * The bytes of a file uploaded here.
     *
     * @return the file, or empty when the md5 has no record or its bytes are not kept here
     * @since 1.0
     */
    Optional<Path> content(String md5);
}
