package io.armada.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import org.junit.Test;

public class DateHeaderFilterTest {

    @Test
    public void theHeaderIsHttpsDateFormatMadeOncePerSecond() {
        DateHeaderFilter f = new DateHeaderFilter();
        // RFC 7231 IMF-fixdate, as CXF wrote it
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", f.now(784111777));
        assertSame(f.now(784111777), f.now(784111777));
        assertEquals("Sun, 06 Nov 1994 08:49:38 GMT", f.now(784111778));
    }
}
