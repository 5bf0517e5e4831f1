package io.armada.blocklists.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

import io.armada.core.ApiException;
import io.armada.core.ErrorKind;

public class BlocklistRulesTest {

    @Test
    public void hostNamesAndUrlsAreDomains() {
        String[] good = {
            "example.com", "ads.example.com", "localhost", "360.com", "EXAMPLE.COM", "example.com.",
            "*.doubleclick.net", "xn--fiqs8s.cn", "例子.测试", "my_host.example.com", "10.0.0.1",
            "http://360.com", "https://ads.example.com/banner?id=1#top", "http://user@example.com:8080/x",
            "HTTP://Example.com", "ftp://files.example.com/", "http://[2001:db8::1]/x", "http://[::1]:8080",
            "example.com/ads", "example.com:8443", "a".repeat(63) + ".com", "a." .repeat(126) + "a"};
        for (String d : good) {
            assertEquals(d, d, BlocklistRules.domain(d));
        }
        assertEquals("blanks around are ignored", "example.com", BlocklistRules.domain("  example.com\t"));
    }

    @Test
    public void anythingElseIsRefused() {
        String[] bad = {
            "exa mple.com", "example..com", ".example.com", "-bad.example.com", "bad-.example.com",
            "a".repeat(64) + ".com", "http://", "http:///path", "://example.com", "1http://example.com",
            "http://example.com:99999", "example.com:", "example.com:http", "http://exa mple.com",
            "exam\u0000ple.com", "exa\u0007mple.com", "*.", "*", "**.example.com", "http://[zz::1]/",
            "http://[::1", "example.com/a b", "@", "/path/only", "?q=1", "a.b\u3000c"};
        for (String d : bad) {
            assertRefused(d, ErrorKind.BAD_REQUEST, () -> BlocklistRules.domain(d));
        }
    }

    @Test
    public void emptyAndOverLongDomainsAreRefused() {
        assertRefused("null", ErrorKind.BAD_REQUEST, () -> BlocklistRules.domain(null));
        assertRefused("empty", ErrorKind.BAD_REQUEST, () -> BlocklistRules.domain(""));
        assertRefused("blank", ErrorKind.BAD_REQUEST, () -> BlocklistRules.domain("   "));
        String max = "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + ".co";
        assertEquals(246, max.length());
        String exactly253 = max + ".abcdef";
        assertEquals(253, exactly253.length());
        assertEquals(exactly253, BlocklistRules.domain(exactly253));
        assertRefused("254", ErrorKind.BAD_REQUEST, () -> BlocklistRules.domain(exactly253 + "g"));
        try {
            BlocklistRules.domain("http://example.com/" + "x".repeat(300));
            fail("accepted an over-long URL");
        } catch (ApiException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("253"));
        }
    }

    @Test
    public void processNamesAndSignaturesHaveLimitsAndNoControlCharacters() {
        assertEquals("miner.exe", BlocklistRules.process(" miner.exe "));
        assertEquals("C:\\Program Files\\x y\\a.exe", BlocklistRules.process("C:\\Program Files\\x y\\a.exe"));
        assertEquals("p".repeat(255), BlocklistRules.process("p".repeat(255)));
        assertEquals("s".repeat(1024), BlocklistRules.signature("s".repeat(1024)));
        assertEquals("Qihoo 360 Software (Beijing) Company Limited",
                BlocklistRules.signature("Qihoo 360 Software (Beijing) Company Limited"));
        assertRefused("process 256", ErrorKind.BAD_REQUEST, () -> BlocklistRules.process("p".repeat(256)));
        assertRefused("signature 1025", ErrorKind.BAD_REQUEST, () -> BlocklistRules.signature("s".repeat(1025)));
        assertRefused("empty process", ErrorKind.BAD_REQUEST, () -> BlocklistRules.process(""));
        assertRefused("null signature", ErrorKind.BAD_REQUEST, () -> BlocklistRules.signature(null));
        assertRefused("control in process", ErrorKind.BAD_REQUEST, () -> BlocklistRules.process("a\nb"));
        assertRefused("control in signature", ErrorKind.BAD_REQUEST, () -> BlocklistRules.signature("a\u0001b"));
    }

    @Test
    public void keysIgnoreCaseAndTellPairsApart() {
        assertEquals(BlocklistRules.domainKey("Example.COM"), BlocklistRules.domainKey("example.com"));
        assertNotEquals(BlocklistRules.domainKey("example.com"), BlocklistRules.domainKey("example.org"));
        assertEquals(64, BlocklistRules.domainKey("x").length());
        assertEquals(BlocklistRules.processKey("Miner.EXE", "ABCDEF"), BlocklistRules.processKey("miner.exe", "abcdef"));
        assertNotEquals(BlocklistRules.processKey("miner.exe", "a"), BlocklistRules.processKey("miner.exe", "b"));
        // the separator keeps ("ab", "c") and ("a", "bc") apart
        assertNotEquals(BlocklistRules.processKey("ab", "c"), BlocklistRules.processKey("a", "bc"));
    }

    public static void assertRefused(String what, ErrorKind kind, Runnable call) {
        try {
            call.run();
            fail("accepted: " + what);
        } catch (ApiException e) {
            assertEquals(what, kind, e.kind());
            assertTrue(what, e.getMessage() != null && !e.getMessage().isBlank());
        }
    }
}
