package io.armada.files.internal.jpa;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import io.armada.files.FileRecord;
import io.armada.files.FileStatus;
import io.armada.persistence.DuplicateKeyException;
import io.armada.persistence.JpaStore;
import io.armada.persistence.testing.DerbyJpa;

/** The FILES_RECORD table on embedded Derby: rows, the md5 key, pages, status and delete. */
public class JpaFileDaoTest {
    private static DerbyJpa jpa;
    private static JpaStore store;
    private static JpaFileDao dao;

    @BeforeClass
    public static void open() throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("target"), "files-dao");
        jpa = DerbyJpa.open("armada-files", dir);
        store = new JpaStore(jpa);
        dao = new JpaFileDao(store);
    }

    @AfterClass
    public static void close() {
        jpa.close();
    }

    @Before
    public void empty() {
        store.run(em -> em.createQuery("delete from FileEntity").executeUpdate());
    }

    private static FileRecord record(int i) {
        return new FileRecord(String.format("%032x", i), "http", List.of("a", "b"), "http://h/f" + i + ".tgz", "tgz",
                i, FileStatus.FILEOK, String.format("2026-01-01 00:00:%02d", i % 60), "d" + i, i % 2 == 0);
    }

    @Test
    public void aRecordIsReadBackWhole() {
        FileRecord r = record(7);
        assertEquals(r, dao.insert(r));
        assertEquals(r, dao.find(r.md5()).orElseThrow());
        assertTrue(dao.find(String.format("%032x", 8)).isEmpty());
    }

    @Test
    public void aSecondRecordOfTheSameMd5IsRefusedAndChangesNothing() {
        dao.insert(record(1));
        FileRecord other = new FileRecord(record(1).md5(), "ftp", List.of(), "x", "", 5, FileStatus.MISSED,
                "2026-02-02 00:00:00", "", false);
        try {
            dao.insert(other);
            fail("a duplicate md5 was stored");
        } catch (DuplicateKeyException expected) {
            // refused
        }
        assertEquals(record(1), dao.find(record(1).md5()).orElseThrow());
        assertEquals(1, dao.count());
    }

    @Test
    public void pagesFollowUploadTimeThenMd5() {
        for (int i = 0; i < 5; i++) {
            dao.insert(record(4 - i));
        }
        assertEquals(5, dao.count());
        List<FileRecord> page = dao.page(1, 3);
        assertEquals(3, page.size());
        assertEquals(List.of(record(1), record(2), record(3)), page);
        assertTrue(dao.page(5, 3).isEmpty());
        assertTrue(dao.page(Long.MAX_VALUE / 2, 3).isEmpty());
    }

    @Test
    public void statusAndDelete() {
        dao.insert(record(3));
        assertEquals(FileStatus.TRUNCATED, dao.setStatus(record(3).md5(), FileStatus.TRUNCATED).orElseThrow().status());
        assertTrue(dao.setStatus(record(4).md5(), FileStatus.MISSED).isEmpty());
        assertEquals(FileStatus.TRUNCATED, dao.delete(record(3).md5()).orElseThrow().status());
        assertFalse(dao.delete(record(3).md5()).isPresent());
        assertEquals(0, dao.count());
    }
}
