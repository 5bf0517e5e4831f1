package io.armada.tars.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Threads;
import io.armada.persistence.JpaStore;
import io.armada.tars.PatchPackage;
import io.armada.tars.TarsPage;
import io.armada.tars.TarsPatches;
import io.armada.tars.internal.jpa.JpaPatchDao;
import io.armada.upload.StagingFile;

/**
 * Patch packages (reference §002.9): an upload streams into a staging file under {@code ${armada.data}/tars/patchs}
 * with its md5 computed on a second thread while it streams (upload's {@link StagingFile}, shared with the files area);
 * once the form's fields are known it is checked against the given md5 and moved to {@code <app>/<module>/<app>.<module>_suse_<epochms>.tgz},
 * and its row is written as the server's default version. Any refusal deletes the file.
 */
@Component(service = TarsPatches.class)
public class PatchServiceImpl implements TarsPatches {
    private static final Logger LOG = LoggerFactory.getLogger(PatchServiceImpl.class);
    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
    /** Uploads at once whose md5 runs on a thread of its own (on demand: none while idle). */
    static final int MAX_DIGESTERS = 2;

    private final PatchDao dao;
    private final Path root;
    private final long maxBytes;
    private final Clock clock;
    private final ExecutorService digesters = new ThreadPoolExecutor(0, MAX_DIGESTERS, 10, TimeUnit.SECONDS,
            new SynchronousQueue<>(), Threads.daemon("armada-tars-md5"));

    @Activate
    public PatchServiceImpl(@Reference(target = "(osgi.unit.name=armada-tars)") JpaTemplate jpa) {
        this(new JpaPatchDao(new JpaStore(jpa)), dataRoot().resolve("tars").resolve("patchs"),
                ArmadaJaxrs.MAX_UPLOAD_BYTES, Clock.systemUTC());
    }

    PatchServiceImpl(PatchDao dao, Path root, long maxBytes, Clock clock) {
        this.dao = dao;
        this.root = root.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    static Path dataRoot() {
        return Path.of(System.getProperty("armada.data", System.getProperty("karaf.data", "data")));
    }

    @Deactivate
    void deactivate() {
        digesters.shutdownNow();
    }

    @Override
    public Staged stage(InputStream in) {
        try {
            StagingFile.Staged s = StagingFile.write(in, root, maxBytes, "the package", digesters);
            return new Staged(s.file(), s.md5(), s.size());
        } catch (IOException e) {
            throw ApiException.badRequest("upload failed, nothing kept: " + e.getMessage());
        }
    }

    @Override
    public void discard(Staged staged) {
        if (staged != null) {
            deleteQuietly(staged.file());
        }
    }

    @Override
    public PatchPackage upload(String application, String moduleName, String comment, String md5, Staged staged,
            String user) {
        boolean kept = false;
        Path target = null;
        try {
            if (staged == null) {
                throw ApiException.badRequest("suse#common.notEmpty#: the package is the file part named suse");
            }
            String app = TarsRules.name(application, "application");
            String module = TarsRules.name(moduleName, "module_name");
            String text = TarsRules.optional(comment, "comment", 1024);
            if (md5 != null && !md5.isBlank()) {
                String given = md5.trim().toLowerCase(Locale.ROOT);
                if (!MD5.matcher(given).matches() || !given.equals(staged.md5())) {
                    throw ApiException.badRequest("#patch.md5#: the package's md5 is " + staged.md5() + ", not "
                            + md5.trim());
                }
            }
            if (staged.size() == 0) {
                throw ApiException.badRequest("the package is empty");
            }
            Path dir = root.resolve(app).resolve(module);
            Files.createDirectories(dir);
            Instant at = clock.instant();
            long ms = at.toEpochMilli();
            while (true) {
                target = dir.resolve(app + "." + module + "_suse_" + ms + ".tgz");
                try {
                    Files.createFile(target); // claims the name; two uploads in one millisecond take the next one
                    break;
                } catch (FileAlreadyExistsException taken) {
                    ms++;
                }
            }
            Files.move(staged.file(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            PatchPackage row = dao.insert(new PatchPackage(0, app + "." + module, target.getFileName().toString(),
                    staged.md5(), staged.size(), text, at, user == null ? "" : user, null, true));
            kept = true;
            LOG.info("Patch package {} of {} stored ({} bytes, md5 {})", row.id(), row.server(), row.size(),
                    row.md5());
            return row;
        } catch (IOException e) {
            throw ApiException.badRequest("the package could not be stored: " + e.getMessage());
        } finally {
            if (!kept) {
                discard(staged);
                if (target != null) {
                    deleteQuietly(target);
                }
            }
        }
    }

    @Override
    public TarsPage<PatchPackage> list(String application, String moduleName, int page, int size) {
        String app = TarsRules.name(application, "application");
        String module = TarsRules.name(moduleName, "module_name");
        TarsRules.page(page, size);
        return dao.list(app + "." + module, page, size);
    }

    @Override
    public PatchPackage patch(long id) {
        return dao.find(id).orElseThrow(() -> ApiException.badRequest("patch package " + id + " does not exist"));
    }

    @Override
    public Optional<Path> file(long id) {
        return dao.find(id).map(p -> {
            int dot = p.server().indexOf('.');
            return root.resolve(p.server().substring(0, dot)).resolve(p.server().substring(dot + 1)).resolve(p.tgz());
        }).filter(Files::isRegularFile);
    }

    @Override
    public Optional<PatchPackage> defaultPackage(String application, String serverName) {
        return dao.defaultOf(application + "." + serverName);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", p, e.toString());
        }
    }
}
