package io.armada.monitor.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.sun.net.httpserver.HttpServer;

/**
 * FileHandler fetch_file, list_files and delete_file by md5 against a local HTTP server: a fetch keeps the file only
 * when size and md5 match, nothing otherwise; names come from the md5 alone; the token goes only to this node's
 * server; each command can be switched off.
 */
public class FileHandlerTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private HttpServer server;
    private final byte[] bytes = new byte[200_000];
    private String md5;
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private Path data;
    private Path root;
    private String base;
    private String serverUrl;

    @Before
    public void start() throws Exception {
        new java.util.Random(3).nextBytes(bytes);
        md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", ex -> {
            tokens.add(String.valueOf(ex.getRequestHeaders().getFirst("X-Armada-Token")));
            String path = ex.getRequestURI().getPath();
            if (path.equals("/missing")) {
                ex.sendResponseHeaders(404, -1);
            } else if (path.equals("/cut")) {
                ex.sendResponseHeaders(200, bytes.length);
                ex.getResponseBody().write(bytes, 0, 1000);
            } else {
                ex.sendResponseHeaders(200, bytes.length);
                ex.getResponseBody().write(bytes);
            }
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        serverUrl = base + "/v1.0/reports";
        data = tmp.newFolder("data").toPath();
        root = data.resolve("files");
    }

    @After
    public void stop() {
        server.stop(0);
    }

    private FileHandler handler(Map<String, Object> config) {
        return new FileHandler(TestSupport.config(config), new FleetStub(), () -> serverUrl, data);
    }

    private static Map<String, Object> fetch(String md5, String address, Object size, String ext) {
        Map<String, Object> d = new HashMap<>();
        d.put("md5", md5);
        d.put("address", address);
        d.put("size", size);
        if (ext != null) {
            d.put("ext", ext);
        }
        return d;
    }

    private List<String> names() throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    public void fetchKeepsTheFileWhenSizeAndMd5MatchAndListsIt() throws Exception {
        FileHandler h = handler(Map.of());
        Map<String, Object> r = h.run("fetch_file", fetch(md5.toUpperCase(), base + "/f", bytes.length, ".tgz"));
        Path file = root.resolve(md5 + ".tgz");
        assertEquals(Map.of("md5", md5, "size", (long) bytes.length, "path", file.toString()), r);
        assertArrayEquals(bytes, Files.readAllBytes(file));
        assertEquals(List.of(md5 + ".tgz"), names());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) h.run("list_files", Map.of()).get("files");
        assertEquals(1, listed.size());
        assertEquals(Map.of("md5", md5, "size", (long) bytes.length, "path", file.toString()), listed.get(0));
        // the same file again is not fetched again
        int calls = tokens.size();
        h.run("fetch_file", fetch(md5, base + "/f", Long.toString(bytes.length), "tgz"));
        assertEquals(calls, tokens.size());
    }

    @Test
    public void aWrongMd5OrSizeOrACutTransferKeepsNothing() throws Exception {
        FileHandler h = handler(Map.of());
        String other = "0123456789abcdef0123456789abcdef";
        assertEquals(-1, TestSupport.code(() -> h.run("fetch_file", fetch(other, base + "/f", bytes.length, null))));
        assertTrue(TestSupport.message(() -> h.run("fetch_file", fetch(other, base + "/f", bytes.length, null)))
                .contains("md5 of the fetched bytes is " + md5));
        assertEquals(-1, TestSupport.code(() -> h.run("fetch_file", fetch(md5, base + "/f", bytes.length - 1, null))));
        assertEquals(-1, TestSupport.code(() -> h.run("fetch_file", fetch(md5, base + "/f", bytes.length + 1, null))));
        assertEquals(-1, TestSupport.code(() -> h.run("fetch_file", fetch(md5, base + "/cut", bytes.length, null))));
        assertEquals(-1, TestSupport.code(() -> h.run("fetch_file", fetch(md5, base + "/missing", bytes.length, null))));
        assertEquals(6, tokens.size());
        assertEquals("nothing kept, no partial file", List.of(), names());
        assertEquals(List.of(), h.run("list_files", Map.of()).get("files"));
    }

    @Test
    public void theTokenGoesOnlyToThisNodesServer() throws Exception {
        FileHandler h = handler(Map.of());
        h.run("fetch_file", fetch(md5, base + "/v1.0/files/" + md5 + "/download", bytes.length, null));
        serverUrl = "http://127.0.0.1:1/v1.0/reports"; // another port: another origin
        Files.delete(root.resolve(md5));
        h.run("fetch_file", fetch(md5, base + "/elsewhere", bytes.length, null));
        serverUrl = null; // no server configured
        Files.delete(root.resolve(md5));
        h.run("fetch_file", fetch(md5, base + "/elsewhere", bytes.length, null));
        assertEquals(List.of("test-token", "null", "null"), tokens);
    }

    @Test
    public void badInputIs88888AndFetchesNothing() throws Exception {
        FileHandler h = handler(Map.of());
        List<Map<String, Object>> bad = List.of(
                fetch(null, base + "/f", bytes.length, null),
                fetch("../../etc/passwd", base + "/f", bytes.length, null),
                fetch(md5, null, bytes.length, null),
                fetch(md5, "file:///etc/passwd", bytes.length, null),
                fetch(md5, "ftp://127.0.0.1/x", bytes.length, null),
                fetch(md5, base + "/f", null, null),
                fetch(md5, base + "/f", Map.of("n", 1), null),
                fetch(md5, base + "/f", -5, null),
                fetch(md5, base + "/f", "12x", null),
                fetch(md5, base + "/f", bytes.length, "../x"),
                fetch(md5, base + "/f", bytes.length, "a/b"));
        for (Map<String, Object> d : bad) {
            assertEquals(d.toString(), 88888, TestSupport.code(() -> h.run("fetch_file", d)));
        }
        assertEquals(88888, TestSupport.code(() -> h.run("delete_file", Map.of("md5", "../x"))));
        assertEquals(List.of(), tokens);
        assertEquals(List.of(), names());
    }

    @Test
    public void deleteByMd5RemovesEveryNameOfThatMd5AndNothingElse() throws Exception {
        FileHandler h = handler(Map.of());
        h.run("fetch_file", fetch(md5, base + "/f", bytes.length, null));
        h.run("fetch_file", fetch(md5, base + "/f", bytes.length, "zip"));
        String other = "0123456789abcdef0123456789abcdef";
        Files.writeString(root.resolve(other), "other");
        Files.writeString(root.resolve(md5 + "-notes.txt"), "not a fetched name");
        Map<String, Object> r = h.run("delete_file", Map.of("md5", md5));
        assertEquals(List.of(root.resolve(md5).toString(), root.resolve(md5 + ".zip").toString()), r.get("deleted"));
        assertEquals(List.of(other, md5 + "-notes.txt"), names());
        // twice is no error
        assertEquals(List.of(), h.run("delete_file", Map.of("md5", md5)).get("deleted"));
    }

    @Test
    public void confinedToTheFilesRoot() throws Exception {
        // a link named like a fetched file is neither listed nor followed by a fetch, nor its target deleted
        Path outside = tmp.newFolder("outside").toPath();
        Path secret = outside.resolve("secret");
        Files.writeString(secret, "keep me");
        Files.createDirectories(root);
        Files.createSymbolicLink(root.resolve(md5), secret);
        FileHandler h = handler(Map.of());
        assertEquals(List.of(), h.run("list_files", Map.of()).get("files"));
        h.run("fetch_file", fetch(md5, base + "/f", bytes.length, null));
        assertFalse("the link was replaced by the file", Files.isSymbolicLink(root.resolve(md5)));
        assertEquals("keep me", Files.readString(secret));
        assertArrayEquals(bytes, Files.readAllBytes(root.resolve(md5)));
        // a files root writable by others is refused
        Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.delete(root.resolve(md5));
        assertEquals(-1, TestSupport.code(() -> h.run("fetch_file", fetch(md5, base + "/f", bytes.length, null))));
        assertEquals(List.of(), names());
    }

    @Test
    public void eachCommandCanBeSwitchedOff() throws Exception {
        FileHandler on = handler(Map.of());
        on.run("fetch_file", fetch(md5, base + "/f", bytes.length, null));
        int calls = tokens.size();
        FileHandler off = handler(Map.of("allow_fetch_file", false, "allow_list_files", false,
                "allow_delete_file", false));
        Files.delete(root.resolve(md5));
        assertTrue(TestSupport.message(() -> off.run("fetch_file", fetch(md5, base + "/f", bytes.length, null)))
                .contains("allow.fetch.file"));
        assertEquals(calls, tokens.size());
        assertEquals(List.of(), names());
        on.run("fetch_file", fetch(md5, base + "/f", bytes.length, null));
        assertTrue(TestSupport.message(() -> off.run("list_files", Map.of())).contains("allow.list.files"));
        assertTrue(TestSupport.message(() -> off.run("delete_file", Map.of("md5", md5))).contains("allow.delete.file"));
        assertEquals(List.of(md5), names());
    }
}
