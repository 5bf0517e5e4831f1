package io.armada.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import org.junit.Test;

public class AnswersTest {

    @Test
    public void theDateIsHttpsDateFormatMadeOncePerSecond() {
        // RFC 7231 IMF-fixdate, as CXF wrote it
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", Answers.date(784111777));
        assertSame(Answers.date(784111777), Answers.date(784111777));
        assertEquals("Sun, 06 Nov 1994 08:49:38 GMT", Answers.date(784111778));
    }
}
