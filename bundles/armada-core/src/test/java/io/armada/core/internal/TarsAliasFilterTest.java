package io.armada.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

public class TarsAliasFilterTest {

    @Test
    public void pathsUnderTheAliasMoveUnderApi() {
        assertEquals("/api/server_list", TarsAliasFilter.canonical("/pages/server/api/server_list"));
        assertEquals("/api/a/b", TarsAliasFilter.canonical("/pages/server/api/a/b"));
        assertNull(TarsAliasFilter.canonical("/pages/server/api/"));
        assertNull(TarsAliasFilter.canonical("/pages/server/apix/tree"));
        assertNull(TarsAliasFilter.canonical("/api/tree"));
        assertNull(TarsAliasFilter.canonical(null));
    }
}
