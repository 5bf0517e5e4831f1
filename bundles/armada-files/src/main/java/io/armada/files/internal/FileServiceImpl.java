package io.armada.files.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.armada.core.ApiException;
import io.armada.core.ArmadaJaxrs;
import io.armada.core.Goperation;
import io.armada.files.AgentRequest;
import io.armada.files.FilePage;
import io.armada.files.FileRecord;
import io.armada.files.FileService;
import io.armada.files.FileStatus;
import io.armada.files.NewFile;
import io.armada.files.RequestWindow;
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
    /** {@code public_url} without a trailing slash; empty when not set. */
    private final String publicUrl;

    /**
     * The agents area, through {@link AgentsBridge}: optional and dynamic, so the record routes work without it and
     * the per-agent routes start working when it comes, with no restart of this component.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile AgentDelivery delivery;

    @Activate
    public FileServiceImpl(@Reference(target = "(osgi.unit.name=armada-files)") JpaTemplate jpa,
            FilesConfiguration config) {
        this(new JpaFileDao(new JpaStore(jpa)), new FileStore(folder(config.folder()), ArmadaJaxrs.MAX_UPLOAD_BYTES),
                config.public_url());
    }

    FileServiceImpl(FileDao dao, FileStore store, String publicUrl) {
        this.dao = Objects.requireNonNull(dao, "dao");
        this.store = Objects.requireNonNull(store, "store");
        this.publicUrl = publicUrl == null ? "" : publicUrl.trim().replaceAll("/+$", "");
    }

    @Deactivate
    void deactivate() {
        store.close();
    }

    /** The download route of a file uploaded here, on {@code public_url}; null when that is not set. */
    String publicAddress(String md5) {
        return publicUrl.isEmpty() ? null : publicUrl + "/v1.0/files/" + md5 + "/download";
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
        String a = publicAddress(stored.md5());
        FileRecord r = new FileRecord(stored.md5(), "http", List.of(), a != null ? a : address.apply(stored.md5()),
                e == null ? "" : e, stored.size(), FileStatus.FILEOK, FileRules.now(), d, true);
        try {
            return dao.insert(r);
        } catch (DuplicateKeyException race) {
            // the same bytes uploaded at the same time by another client
            return dao.find(stored.md5()).orElseThrow(() -> race);
        }
    }

    // ------------------------------------------------------------------ per agent (async requests)

    @Override
    public AgentRequest send(String agents, String md5, RequestWindow window) {
        String m = FileRules.md5(md5);
        AgentDelivery d = delivery();
        FileRecord r = dao.find(m).orElseThrow(() -> ApiException.notFound("File " + m + " not found"));
        if (r.status() != FileStatus.FILEOK) {
            throw ApiException.refused("File " + m + " status is " + r.status() + ", not FILEOK");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("md5", r.md5());
        data.put("address", addressFor(r));
        data.put("size", r.size());
        if (r.ext() != null && !r.ext().isEmpty()) {
            data.put("ext", r.ext());
        }
        return d.run(agents, "send_file", "fetch_file", data, "Send file success", window);
    }

    /**
     * Where a node fetches a record's bytes: for a file uploaded here, the download route on {@code public_url} when
     * set (the address the uploader's URL gave may be one only the uploader reaches, as 127.0.0.1), else the
     * record's address.
     */
    String addressFor(FileRecord r) {
        String a = r.stored() ? publicAddress(r.md5()) : null;
        return a != null ? a : r.address();
    }

    @Override
    public AgentRequest list(String agents, RequestWindow window) {
        return delivery().run(agents, "list_file", "list_files", Map.of(), "List file success", window);
    }

    @Override
    public AgentRequest clean(String agents, String md5, RequestWindow window) {
        String m = FileRules.md5(md5);
        return delivery().run(agents, "clean_file", "delete_file", Map.of("md5", m), "Clean file success", window);
    }

    private AgentDelivery delivery() {
        AgentDelivery d = delivery;
        if (d == null) {
            throw ApiException.unavailable("The agents area (armada-agents) is not running on this server: the "
                    + "per-agent file routes need it; the file records work without it");
        }
        return d;
    }

    @Override
    public Optional<Path> content(String md5) {
        String m = FileRules.md5(md5);
        return dao.find(m).filter(FileRecord::stored).flatMap(r -> store.file(m));
    }
}
