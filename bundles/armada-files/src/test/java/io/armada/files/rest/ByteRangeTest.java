package io.armada.files.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Optional;

import org.junit.Test;

/** {@code Range} headers a resuming downloader sends (RFC 9110 §14.1.2). */
public class ByteRangeTest {

    @Test
    public void theThreeFormsOfOneRange() throws Exception {
        assertEquals(Optional.of(new ByteRange(0, 99)), ByteRange.parse("bytes=0-99", 1000));
        assertEquals(Optional.of(new ByteRange(500, 999)), ByteRange.parse("bytes=500-", 1000));
        assertEquals(Optional.of(new ByteRange(900, 999)), ByteRange.parse("bytes=-100", 1000));
        assertEquals(Optional.of(new ByteRange(0, 999)), ByteRange.parse("bytes=-5000", 1000));
        assertEquals(Optional.of(new ByteRange(990, 999)), ByteRange.parse("bytes=990-5000", 1000));
        assertEquals(100, ByteRange.parse("bytes=0-99", 1000).orElseThrow().length());
    }

    @Test
    public void whatIsIgnoredSendsTheWholeFile() throws Exception {
        assertTrue(ByteRange.parse(null, 1000).isEmpty());
        assertTrue(ByteRange.parse("bytes=0-1,5-6", 1000).isEmpty());
        assertTrue(ByteRange.parse("items=0-1", 1000).isEmpty());
        assertTrue(ByteRange.parse("bytes=x-y", 1000).isEmpty());
        assertTrue(ByteRange.parse("bytes=9-3", 1000).isEmpty());
    }

    @Test
    public void aRangePastTheEndIsUnsatisfiable() {
        for (String h : new String[] {"bytes=1000-", "bytes=5000-6000", "bytes=-0"}) {
            try {
                ByteRange.parse(h, 1000);
                fail(h + " was satisfied");
            } catch (ByteRange.Unsatisfiable expected) {
                // 416
            }
        }
    }
}
