package io.armada.files.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Goperation;
import io.armada.files.FilePage;
import io.armada.files.FileRecord;
import io.armada.files.FileService;
import io.armada.files.FileStatus;
import io.armada.files.NewFile;
import io.armada.files.internal.jpa.JpaFileDao;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;

/**
 * File records and the files uploaded to this server. A record is written only after its bytes are whole on disk, so
 * a record of an uploaded file always has its file; a crash between the two leaves a file without a record, which the
 * next upload of the same bytes adopts.
 */
@Component(service = FileService.class, configurationPid = "io.armada.files")
@Designate(ocd = FilesConfiguration.class)
public class FileServiceImpl implements FileService {
    private static final Logger LOG = LoggerFactory.getLogger(FileServiceImpl.class);

    private final FileDao dao;
    private final FileStore store;

    @Activate
    public FileServiceImpl(@Reference(target = "(osgi.unit.name=armada-files)") JpaTemplate jpa,
            FilesConfiguration config) {
        this(new JpaFileDao(new JpaStore(jpa)), new FileStore(folder(config.folder()), ArmadaJaxrs.MAX_UPLOAD_BYTES));
    }

    FileServiceImpl(FileDao dao, FileStore store) {
        this.dao = Objects.requireNonNull(dao, "dao");
        this.store = Objects.requireNonNull(store, "store");
    }

    static Path folder(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String data = System.getProperty("armada.data", System.getProperty("karaf.data", "data"));
        return Path.of(data, "files");
    }

    @Override
    public FilePage page(int pageNum) {
        int page = Goperation.page(pageNum);
        long total = dao.count();
        Goperation.checkPage(page, total);
        return new FilePage(dao.page(Goperation.offset(page), ROWS_PER_PAGE), total, page);
    }

    @Override
    public Optional<FileRecord> file(String md5) {
        return dao.find(FileRules.md5(md5));
    }

    @Override
    public FileRecord create(NewFile file) {
        FileRecord r = FileRules.newRecord(file);
        try {
            return dao.insert(r);
        } catch (DuplicateKeyException e) {
            throw ApiException.refused("File with md5 " + r.md5() + " already exists");
        }
    }

    @Override
    public FileRecord setStatus(String md5, String status) {
        String m = FileRules.md5(md5);
        FileStatus s = FileRules.status(status);
        return dao.setStatus(m, s).orElseThrow(() -> ApiException.notFound("File " + m + " not found"));
    }

    @Override
    public Optional<FileRecord> delete(String md5) {
        String m = FileRules.md5(md5);
        Optional<FileRecord> was = dao.delete(m);
        if (was.isPresent() && was.get().stored()) {
            try {
                store.delete(m);
            } catch (IOException e) {
                // the record is gone; the orphan file is harmless and is replaced by an upload of the same bytes
                LOG.warn("Could not delete the stored file of {}", m, e);
            }
        }
        return was;
    }

    @Override
    public FileRecord upload(InputStream in, String expectedMd5, String ext, String desc,
            Function<String, String> address) throws IOException {
        String expected = expectedMd5 == null || expectedMd5.isBlank() ? null : FileRules.md5(expectedMd5);
        String e = FileRules.ext(ext);
        String d = desc == null ? "" : desc;
        if (d.length() > FileRules.MAX_DESC) {
            throw ApiException.badRequest("desc is longer than " + FileRules.MAX_DESC);
        }
        FileStore.Stored stored = store.write(in, expected);
        Optional<FileRecord> existing = dao.find(stored.md5());
        if (existing.isPresent()) {
            return existing.get();
        }
        FileRecord r = new FileRecord(stored.md5(), "http", List.of(), address.apply(stored.md5()),
                e == null ? "" : e, stored.size(), FileStatus.FILEOK, FileRules.now(), d, true);
        try {
            return dao.insert(r);
        } catch (DuplicateKeyException race) {
            // the same bytes uploaded at the same time by another client
            return dao.find(stored.md5()).orElseThrow(() -> race);
        }
    }

    @Override
    public Optional<Path> content(String md5) {
        String m = FileRules.md5(md5);
        return dao.find(m).filter(FileRecord::stored).flatMap(r -> store.file(m));
    }
}
