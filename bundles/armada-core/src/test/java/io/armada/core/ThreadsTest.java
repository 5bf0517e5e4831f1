package io.armada.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.ThreadFactory;

import org.junit.Test;

public class ThreadsTest {

    @Test
    public void daemonThreadsNamedAfterTheirPool() {
        ThreadFactory f = Threads.daemon("armada-x");
        Thread first = f.newThread(() -> { });
        Thread second = f.newThread(() -> { });
        assertEquals("armada-x", first.getName());
        assertEquals("armada-x-2", second.getName());
        assertTrue(first.isDaemon() && second.isDaemon());
    }
}
