package io.armada.files.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;

import io.armada.core.testing.ApiErrors;
import io.armada.files.FileRecord;
import io.armada.files.FileStatus;
import io.armada.files.NewFile;

/** The {@code POST /files} schema and its defaults (originals.md §000.9). */
public class FileRulesTest {
    private static final String MD5 = "0123456789ABCDEF0123456789abcdef";

    private static void refused(Runnable r, String field) {
        ApiErrors.badRequest(field, r);
    }

    @Test
    public void aRecordTakesTheDefaultsOfTheOriginal() {
        FileRecord r = FileRules.newRecord(new NewFile(MD5, "http://h/x/pkg.tar.gz", 10L, null, null, null, null, null, null));
        assertEquals("0123456789abcdef0123456789abcdef", r.md5());
        assertEquals("http", r.downloader());
        assertEquals(List.of(), r.adapterArgs());
        assertEquals("gz", r.ext());
        assertEquals(FileStatus.FILEOK, r.status());
        assertEquals(19, r.uploadtime().length());
        assertEquals("", r.desc());
    }

    @Test
    public void givenValuesAreKept() {
        FileRecord r = FileRules.newRecord(new NewFile(MD5, "http://h/x", 0L, "ftp", List.of("-a"), ".tgz", "d",
                "missed", "2026-01-02T03:04:05"));
        assertEquals("ftp", r.downloader());
        assertEquals(List.of("-a"), r.adapterArgs());
        assertEquals("tgz", r.ext());
        assertEquals(FileStatus.MISSED, r.status());
        assertEquals("2026-01-02 03:04:05", r.uploadtime());
    }

    @Test
    public void missingOrMalformedFieldsAreRefusedByName() {
        refused(() -> FileRules.newRecord(new NewFile(null, "a", 1L, null, null, null, null, null, null)), "md5");
        refused(() -> FileRules.newRecord(new NewFile("xyz", "a", 1L, null, null, null, null, null, null)), "md5");
        refused(() -> FileRules.newRecord(new NewFile(MD5, null, 1L, null, null, null, null, null, null)), "address");
        refused(() -> FileRules.newRecord(new NewFile(MD5, " ", 1L, null, null, null, null, null, null)), "address");
        refused(() -> FileRules.newRecord(new NewFile(MD5, "a", null, null, null, null, null, null, null)), "size");
        refused(() -> FileRules.newRecord(new NewFile(MD5, "a", -1L, null, null, null, null, null, null)), "size");
        refused(() -> FileRules.newRecord(new NewFile(MD5, "a", 1L, null, null, "a/b", null, null, null)), "ext");
        refused(() -> FileRules.newRecord(new NewFile(MD5, "a", 1L, null, null, null, null, "BROKEN", null)), "status");
        refused(() -> FileRules.newRecord(new NewFile(MD5, "a", 1L, null, null, null, null, null, "yesterday")),
                "uploadtime");
        refused(() -> FileRules.newRecord(new NewFile(MD5, "a".repeat(513), 1L, null, null, null, null, null, null)),
                "address");
        refused(() -> FileRules.newRecord(null), "md5");
    }

    @Test
    public void theExtensionOfAnAddressIsItsLastSuffix() {
        assertEquals("gz", FileRules.extOf("http://h/a.b/pkg.tar.gz?x=1"));
        assertEquals("", FileRules.extOf("http://h/a.b/pkg"));
        assertEquals("", FileRules.extOf("http://h/pkg."));
        assertEquals("zip", FileRules.extOf("file.zip"));
    }
}
