package io.armada.tars;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Patch packages (reference §002.9): uploads streamed under {@code ${armada.data}/tars/patchs}, with their md5 computed
 * while streaming; the newest package of a server is its default version.
 *
 * @since 1.1
 */
@ProviderType
public interface TarsPatches {

    /** Where an upload goes before its fields are all known: {@link #upload} takes the staged file. */
    record Staged(Path file, String md5, long size) {
    }

    /**
     * Streams an upload's bytes into a staging file, computing the md5.
     *
     * @throws io.armada.core.ApiException BAD_REQUEST past the upload limit or on a read failure (nothing kept)
     */
    Staged stage(InputStream in);

    /** Discards a staged file (an upload refused after its bytes were read). */
    void discard(Staged staged);

    /**
     * Stores a staged upload as a package of {@code application.moduleName}; the new package becomes the default.
     * Refused (nothing kept) for bad names or when {@code md5} is given and differs ({@code #patch.md5#}).
     */
    PatchPackage upload(String application, String moduleName, String comment, String md5, Staged staged, String user);

    /** A server's packages ({@code app.module}), newest first; all when page or size is 0. */
    TarsPage<PatchPackage> list(String application, String moduleName, int page, int size);

    PatchPackage patch(long id);

    /** The package's bytes on this server's disk. */
    Optional<Path> file(long id);

    /** The default (newest) package of a server, if any. */
    Optional<PatchPackage> defaultPackage(String application, String serverName);
}
