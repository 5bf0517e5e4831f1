package io.armada.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Files (seed 000, SPEC §10.2) on the server role: records through the Goperation routes, uploads streamed to the
 * server with their md5 checked, downloads with Range, bad input refused with nothing kept, the shell commands.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FilesIT extends ArmadaKarafTestSupport {
    private static final String V = "/v1.0/files";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Configuration
    public Option[] config() {
        return baseConfig();
    }

    @Before
    public void settled() {
        awaitSettled();
    }

    private static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static JsonNode ok(Http.Answer a) {
        assertEquals(a.toString(), 200, a.status());
        JsonNode j = a.json();
        assertEquals(a.toString(), 0, j.get("resultcode").asInt());
        return j;
    }

    private static Path folder() {
        return Path.of(System.getProperty("armada.data", System.getProperty("karaf.data")), "files");
    }

    private static List<String> stored() throws IOException {
        if (!Files.isDirectory(folder())) {
            return List.of();
        }
        try (var s = Files.list(folder())) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private long total() {
        return ok(http().get(V)).get("total").asLong();
    }

    private String base() {
        return "http://127.0.0.1:" + Integer.getInteger("armada.http.port");
    }

    /** A multipart/form-data body: the fields, then the file part (its bytes from {@code file}). */
    private HttpResponse<byte[]> upload(List<String[]> fields, String fileName, InputStream file, boolean cutOff)
            throws Exception {
        String boundary = "armada-it-" + System.nanoTime();
        StringBuilder head = new StringBuilder();
        for (String[] f : fields) {
            head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(f[0])
                    .append("\"\r\n\r\n").append(f[1]).append("\r\n");
        }
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .append(fileName).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        InputStream whole = new SequenceInputStream(new java.io.ByteArrayInputStream(
                head.toString().getBytes(StandardCharsets.UTF_8)),
                cutOff ? file : new SequenceInputStream(file, new java.io.ByteArrayInputStream(tail)));
        HttpRequest r = HttpRequest.newBuilder(URI.create(base() + V)).timeout(Duration.ofSeconds(120))
                .header("X-Armada-Token", TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> whole)).build();
        return CLIENT.send(r, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
    }

    private HttpResponse<byte[]> download(String md5, String range, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + V + "/" + md5 + "/download"))
                .timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("X-Armada-Token", token);
        }
        if (range != null) {
            b.header("Range", range);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    // ------------------------------------------------------------------------------------------------ records

    @Test
    public void recordsAreCreatedShownUpdatedListedAndDeleted() {
        String md5 = String.format("%032x", System.nanoTime());
        JsonNode created = ok(http().post(V, "{\"md5\":\"" + md5.toUpperCase() + "\",\"address\":\"http://10.0.0.9/pkg/app.tar.gz\","
                + "\"size\":1234,\"desc\":\"an app\"}"));
        JsonNode row = created.get("data").get(0);
        assertEquals(md5, row.get("md5").asText());
        assertEquals(1234, row.get("size").asLong());
        assertEquals("http", row.get("downloader").asText());
        assertEquals(19, row.get("uploadtime").asText().length());

        JsonNode shown = ok(http().get(V + "/" + md5)).get("data").get(0);
        assertEquals("gz", shown.get("ext").asText());
        assertEquals("FILEOK", shown.get("status").asText());
        assertEquals("an app", shown.get("desc").asText());
        assertEquals("http://10.0.0.9/pkg/app.tar.gz", shown.get("address").asText());
        // the format suffix of the original's routes
        ok(http().get(V + "/" + md5 + ".json"));

        boolean listed = false;
        for (JsonNode r : ok(http().get(V)).get("data")) {
            listed |= r.get("md5").asText().equals(md5);
        }
        assertTrue("the new record is listed", listed);

        // a second record of the same md5: the original's HTTP 200 with resultcode -1
        Http.Answer again = http().post(V, "{\"md5\":\"" + md5 + "\",\"address\":\"x\",\"size\":1}");
        assertEquals(200, again.status());
        assertEquals(-1, again.json().get("resultcode").asInt());

        assertEquals("MISSED", ok(http().send("PUT", V + "/" + md5, "{\"status\":\"MISSED\"}", "application/json"))
                .get("data").get(0).get("status").asText());
        // a record that is not FILEOK: 200 with resultcode -1, as the original
        Http.Answer missed = http().get(V + "/" + md5);
        assertEquals(200, missed.status());
        assertEquals(-1, missed.json().get("resultcode").asInt());

        assertEquals(md5, ok(http().send("DELETE", V + "/" + md5, null, null)).get("data").get(0).get("md5").asText());
        // deleting again is no error
        assertEquals(0, ok(http().send("DELETE", V + "/" + md5, null, null)).get("data").size());
        Http.Answer gone = http().get(V + "/" + md5);
        assertEquals(200, gone.status());
        assertEquals(-1, gone.json().get("resultcode").asInt());
    }

    @Test
    public void badInputIsRefusedWithGoperationsErrorAndNothingIsWritten() {
        long before = total();
        String md5 = String.format("%032x", System.nanoTime());
        String[] bodies = {
            "{\"address\":\"x\",\"size\":1}",
            "{\"md5\":\"" + md5 + "\",\"size\":1}",
            "{\"md5\":\"" + md5 + "\",\"address\":\"x\"}",
            "{\"md5\":\"" + md5 + "\",\"address\":\"x\",\"size\":{\"a\":1}}",
            "{\"md5\":\"" + md5 + "\",\"address\":\"x\",\"size\":\"big\"}",
            "{\"md5\":\"not-an-md5\",\"address\":\"x\",\"size\":1}",
            "{\"md5\":\"" + md5 + "\",\"address\":\"x\",\"size\":1,\"status\":\"BROKEN\"}",
            "{\"md5\":\"" + md5 + "\",\"address\":\"x\",\"size\":1,\"adapter_args\":\"not a list\"}",
            "[1,2]",
            "{\"md5\":",
        };
        for (String body : bodies) {
            Http.Answer a = http().post(V, body);
            assertEquals(body + " -> " + a, 400, a.status());
            assertTrue(body + " -> " + a, a.json().get("msg").asText().length() > 0);
        }
        assertEquals(400, http().get(V + "/xyz").status());
        assertEquals(400, http().send("PUT", V + "/xyz", "{\"status\":\"FILEOK\"}", "application/json").status());
        assertEquals(400, http().send("DELETE", V + "/xyz", null, null).status());
        assertEquals(404, http().send("PUT", V + "/" + md5, "{\"status\":\"FILEOK\"}", "application/json").status());
        assertEquals(400, http().get(V + "?page_num=abc").status());
        assertEquals(400, http().get(V + "?page_num=-1").status());
        assertEquals(400, http().get(V + "?page_num=2147483647").status());
        assertEquals(401, anonymous().get(V).status());
        assertEquals(before, total());
    }

    // ------------------------------------------------------------------------------------------------ uploads

    @Test
    public void anUploadIsStreamedCheckedStoredAndDownloadedWithRange() throws Exception {
        byte[] content = bytes(3 * 1024 * 1024 + 17, System.nanoTime());
        String md5 = md5(content);
        HttpResponse<byte[]> r = upload(List.of(new String[] {"md5", md5}, new String[] {"desc", "it upload"}),
                "bundle.tgz", new java.io.ByteArrayInputStream(content), false);
        assertEquals(new String(r.body(), StandardCharsets.UTF_8), 200, r.statusCode());
        JsonNode row = json(r).get("data").get(0);
        assertEquals(md5, row.get("md5").asText());
        assertEquals(content.length, row.get("size").asLong());
        assertEquals("tgz", row.get("ext").asText());
        assertEquals("FILEOK", row.get("status").asText());
        assertEquals(base() + V + "/" + md5 + "/download", row.get("address").asText());
        assertTrue(stored().contains(md5));

        HttpResponse<byte[]> whole = download(md5, null, TOKEN);
        assertEquals(200, whole.statusCode());
        assertArrayEquals(content, whole.body());
        HttpResponse<byte[]> part = download(md5, "bytes=1000-1999", TOKEN);
        assertEquals(206, part.statusCode());
        assertEquals("bytes 1000-1999/" + content.length, part.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(Arrays.copyOfRange(content, 1000, 2000), part.body());
        HttpResponse<byte[]> rest = download(md5, "bytes=" + (content.length - 10) + "-", TOKEN);
        assertArrayEquals(Arrays.copyOfRange(content, content.length - 10, content.length), rest.body());
        assertEquals(416, download(md5, "bytes=" + content.length + "-", TOKEN).statusCode());
        assertEquals(401, download(md5, null, null).statusCode());

        // the same bytes again: the same record
        HttpResponse<byte[]> again = upload(List.of(), "other.tgz", new java.io.ByteArrayInputStream(content), false);
        assertEquals(200, again.statusCode());
        assertEquals(md5, json(again).get("data").get(0).get("md5").asText());

        ok(http().send("DELETE", V + "/" + md5, null, null));
        assertFalse("deleting the record deletes the stored file", stored().contains(md5));
        assertEquals(404, download(md5, null, TOKEN).statusCode());
    }

    @Test
    public void aWrongMd5ACutOffUploadOrOneOverTheLimitKeepsNothing() throws Exception {
        long before = total();
        List<String> files = stored();
        byte[] content = bytes(256 * 1024, System.nanoTime());

        HttpResponse<byte[]> wrong = upload(List.<String[]>of(new String[] {"md5", "0".repeat(32)}), "x.bin",
                new java.io.ByteArrayInputStream(content), false);
        assertEquals(400, wrong.statusCode());
        assertTrue(json(wrong).get("msg").asText().contains("md5"));

        HttpResponse<byte[]> cut = upload(List.of(), "x.bin", new java.io.ByteArrayInputStream(content), true);
        assertEquals(400, cut.statusCode());

        // 100 MiB and one byte, streamed from a generator (no array of that size in the test either)
        long over = 100L * 1024 * 1024 + 1;
        InputStream big = new InputStream() {
            private long left = over;

            @Override
            public int read() {
                return left-- > 0 ? 'a' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 'a');
                left -= n;
                return n;
            }
        };
        HttpResponse<byte[]> tooBig = upload(List.of(), "big.bin", big, false);
        assertEquals(new String(tooBig.body(), StandardCharsets.UTF_8), 400, tooBig.statusCode());

        HttpResponse<byte[]> noFile = CLIENT.send(HttpRequest.newBuilder(URI.create(base() + V))
                .header("X-Armada-Token", TOKEN).header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"desc\"\r\n\r\nx\r\n--b--\r\n"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(400, noFile.statusCode());

        assertEquals(before, total());
        assertEquals(files, stored());
        // and the server keeps serving
        ok(http().get(V));
    }

    // ------------------------------------------------------------------------------------------------ shell

    @Test
    public void theShellListsShowsUploadsAndDeletes() throws Exception {
        Path local = Files.createTempFile(Path.of(System.getProperty("karaf.data")), "shell-upload", ".zip");
        byte[] content = bytes(4096, System.nanoTime());
        Files.write(local, content);
        String md5 = md5(content);
        String out = shell("file:upload " + local);
        assertTrue(out, out.contains(md5));
        assertTrue(shell("file:list").contains(md5));
        String shown = shell("file:show " + md5);
        assertTrue(shown, shown.contains("zip") && shown.contains("FILEOK"));
        assertTrue(shell("file:delete " + md5).contains(md5));
        assertFalse(shell("file:list").contains(md5));
        ByteArrayOutputStream unused = new ByteArrayOutputStream();
        unused.close();
    }
}
