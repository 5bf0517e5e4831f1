package io.armada.files.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.armada.core.ErrorKind;
import io.armada.core.testing.ApiErrors;
import io.armada.files.AgentRequest;
import io.armada.files.FileRecord;
import io.armada.files.FileStatus;
import io.armada.files.NewFile;
import io.armada.files.RequestWindow;
import io.armada.persistence.DuplicateKeyException;

/**
 * The per-agent routes in the service: what goes to the node (fetch_file with the record's md5, size, ext and an
 * address the node can reach), refusals before anything starts, and a clear error without the agents area.
 */
public class FileServiceAgentsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final String MD5 = "0123456789abcdef0123456789abcdef";
    private static final RequestWindow WINDOW = new RequestWindow(1L, null, null, null);

    /** What the bridge was asked. */
    private final List<String> runs = new ArrayList<>();
    private final List<Map<String, Object>> datas = new ArrayList<>();

    private final AgentDelivery delivery = (agents, action, command, data, ok, window) -> {
        runs.add(agents + " " + action + " " + command);
        datas.add(data);
        return new AgentRequest("00000000-0000-0000-0000-000000000001", 1, 2, 3, 0, 0, -127, "waiting respone");
    };

    /** A DAO on a map. */
    static final class MapDao implements FileDao {
        final Map<String, FileRecord> rows = new TreeMap<>();

        @Override
        public long count() {
            return rows.size();
        }

        @Override
        public List<FileRecord> page(long offset, int limit) {
            return rows.values().stream().sorted(Comparator.comparing(FileRecord::md5)).skip(offset).limit(limit)
                    .toList();
        }

        @Override
        public Optional<FileRecord> find(String md5) {
            return Optional.ofNullable(rows.get(md5));
        }

        @Override
        public FileRecord insert(FileRecord r) {
            if (rows.containsKey(r.md5())) {
                throw new DuplicateKeyException("duplicate " + r.md5(), null);
            }
            rows.put(r.md5(), r);
            return r;
        }

        @Override
        public Optional<FileRecord> setStatus(String md5, FileStatus status) {
            FileRecord r = rows.get(md5);
            if (r == null) {
                return Optional.empty();
            }
            FileRecord n = new FileRecord(r.md5(), r.downloader(), r.adapterArgs(), r.address(), r.ext(), r.size(),
                    status, r.uploadtime(), r.desc(), r.stored());
            rows.put(md5, n);
            return Optional.of(n);
        }

        @Override
        public Optional<FileRecord> delete(String md5) {
            return Optional.ofNullable(rows.remove(md5));
        }
    }

    private FileServiceImpl service(MapDao dao, String publicUrl) {
        return new FileServiceImpl(dao, new FileStore(tmp.getRoot().toPath().resolve("files"), 1 << 20), publicUrl);
    }

    @Test
    public void sendAsksEachNodeToFetchTheRecordsBytes() {
        MapDao dao = new MapDao();
        FileServiceImpl s = service(dao, "");
        s.delivery = delivery;
        s.create(new NewFile(MD5, "http://mirror.example/pkg/app.tgz", 42L, null, null, null, null, null, null));
        AgentRequest r = s.send("1-3", MD5.toUpperCase(), WINDOW);
        assertEquals("00000000-0000-0000-0000-000000000001", r.requestId());
        assertEquals(List.of("1-3 send_file fetch_file"), runs);
        assertEquals(Map.of("md5", MD5, "address", "http://mirror.example/pkg/app.tgz", "size", 42L, "ext", "tgz"),
                datas.get(0));
        s.list("all", WINDOW);
        s.clean("7", MD5, WINDOW);
        assertEquals(List.of("1-3 send_file fetch_file", "all list_file list_files", "7 clean_file delete_file"), runs);
        assertEquals(Map.of("md5", MD5), datas.get(2));
    }

    @Test
    public void anUploadedFileIsFetchedFromPublicUrlWhenSet() throws Exception {
        MapDao dao = new MapDao();
        FileServiceImpl s = service(dao, "https://armada.example:8443/");
        s.delivery = delivery;
        FileRecord up = s.upload(new ByteArrayInputStream("hello".getBytes()), null, "txt", null,
                m -> "http://127.0.0.1:8181/v1.0/files/" + m + "/download");
        String expected = "https://armada.example:8443/v1.0/files/" + up.md5() + "/download";
        assertEquals("the record's address is on public_url", expected, up.address());
        s.send("all", up.md5(), WINDOW);
        assertEquals(expected, datas.get(0).get("address"));
        // without public_url, the address the uploader's URL gave
        FileServiceImpl plain = service(new MapDao(), null);
        FileRecord up2 = plain.upload(new ByteArrayInputStream("other".getBytes()), null, null, null,
                m -> "http://10.0.0.1:8181/v1.0/files/" + m + "/download");
        assertEquals("http://10.0.0.1:8181/v1.0/files/" + up2.md5() + "/download", up2.address());
    }

    @Test
    public void refusalsComeBeforeAnythingStarts() {
        MapDao dao = new MapDao();
        FileServiceImpl s = service(dao, "");
        s.delivery = delivery;
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> s.send("all", "not-an-md5", WINDOW));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> s.clean("all", "../../etc", WINDOW));
        ApiErrors.expect(ErrorKind.NOT_FOUND, () -> s.send("all", MD5, WINDOW));
        s.create(new NewFile(MD5, "http://mirror.example/a", 1L, null, null, null, null, "MISSED", null));
        ApiErrors.expect(ErrorKind.REFUSED, () -> s.send("all", MD5, WINDOW));
        assertEquals(List.of(), runs);
    }

    @Test
    public void withoutTheAgentsAreaThePerAgentRoutesAreUnavailableAndRecordsWork() {
        MapDao dao = new MapDao();
        FileServiceImpl s = service(dao, "");
        s.create(new NewFile(MD5, "http://mirror.example/a", 1L, null, null, null, null, null, null));
        String msg = ApiErrors.expect(ErrorKind.UNAVAILABLE, () -> s.send("all", MD5, WINDOW)).getMessage();
        assertTrue(msg, msg.contains("armada-agents"));
        ApiErrors.expect(ErrorKind.UNAVAILABLE, () -> s.list("all", WINDOW));
        ApiErrors.expect(ErrorKind.UNAVAILABLE, () -> s.clean("all", MD5, WINDOW));
        assertEquals(1, s.page(0).total());
        assertTrue(s.delete(MD5).isPresent());
    }
}
