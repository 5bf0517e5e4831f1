package io.armada.agents.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

import io.armada.agents.AgentStatus;

public class AgentRulesTest {

    @Test
    public void endpointNamesFollowGoperation() {
        assertEquals("game", AgentRules.endpoint("game"));
        assertEquals("game2", AgentRules.endpoint("Game2"));
        assertEquals("a" + "b".repeat(63), AgentRules.endpoint("a" + "b".repeat(63)));
        bad(() -> AgentRules.endpoint(""), "Entpoint name is empty");
        bad(() -> AgentRules.endpoint(null), "Entpoint name is empty");
        bad(() -> AgentRules.endpoint("a" + "b".repeat(64)), "Entpoint name over size");
        bad(() -> AgentRules.endpoint("g"), "not match regx");
        bad(() -> AgentRules.endpoint("2game"), "not match regx");
        bad(() -> AgentRules.endpoint("my-game"), "not match regx");
        bad(() -> AgentRules.endpoint("my_game"), "not match regx");
        for (String reserved : new String[] {"agent", "Port", "endpoint", "file", "async", "entity", "flush", "online",
            "upgrade", "active", "status", "clean", "create", "delete", "edit", "update", "select", "show", "list",
            "application", "scheduler"}) {
            bad(() -> AgentRules.endpoint(reserved), "is reserved");
        }
    }

    @Test
    public void endpointListsComeAsListsOrCommaStrings() {
        assertEquals(List.of("a1", "b2"), AgentRules.endpoints("a1,B2,a1"));
        assertEquals(List.of("a1", "b2"), AgentRules.endpoints(List.of("a1", "b2")));
        assertEquals(List.of(), AgentRules.endpoints(null));
        bad(() -> AgentRules.endpoints(List.of("a1", 5)), "not basestring");
        bad(() -> AgentRules.endpoints(5), "type error");
        bad(() -> AgentRules.endpoints("a1,agent"), "reserved");
    }

    @Test
    public void hostNames() {
        assertEquals("web-01.example.com", AgentRules.hostname(" web-01.example.com "));
        assertEquals("zhouli33", AgentRules.hostname("zhouli33"));
        bad(() -> AgentRules.hostname(""), "host");
        bad(() -> AgentRules.hostname("-bad"), "not a valid hostname");
        bad(() -> AgentRules.hostname("a..b"), "not a valid hostname");
        bad(() -> AgentRules.hostname("has space"), "not a valid hostname");
        bad(() -> AgentRules.hostname("a".repeat(129)), "over size");
    }

    @Test
    public void portsRanges() {
        assertEquals(List.of("30000-40000", "2000-2100"), AgentRules.portsRange(List.of(" 30000-40000", "2000 - 2100")));
        assertEquals(List.of(), AgentRules.portsRange(null));
        bad(() -> AgentRules.portsRange(List.of("100-2000")), "Port 1-1024 is not allowed");
        bad(() -> AgentRules.portsRange(List.of("3000")), "not down-up");
        bad(() -> AgentRules.portsRange(List.of("3000-2000")), "not a range");
        bad(() -> AgentRules.portsRange(List.of("3000-70000")), "not a range");
    }

    @Test
    public void figuresAreWholeAndNotNegative() {
        assertEquals(4, AgentRules.figure(4, "cpu"));
        bad(() -> AgentRules.figure(null, "cpu"), "Can not find argument: cpu");
        bad(() -> AgentRules.figure(-1, "cpu"), "negative");
        bad(() -> AgentRules.figure(1.5, "cpu"), "not an integer");
    }

    @Test
    public void statusTransitions() {
        assertEquals(AgentStatus.ACTIVE, AgentRules.activeStatus(null));
        assertEquals(AgentStatus.ACTIVE, AgentRules.activeStatus(1));
        assertEquals(AgentStatus.UNACTIVE, AgentRules.activeStatus(0));
        bad(() -> AgentRules.activeStatus(-10), "Argument status not right");
        bad(() -> AgentRules.activeStatus(-127), "Argument status not right");
        for (int s : new int[] {1, 0, -10, -20, -30}) {
            assertEquals(s, AgentRules.editableStatus(s));
            assertTrue(AgentRules.live(s));
            assertFalse(AgentRules.cleanable(s));
        }
        bad(() -> AgentRules.editableStatus(-127), "Argument status not right");
        bad(() -> AgentRules.editableStatus(2), "Argument status not right");
        assertFalse(AgentRules.live(AgentStatus.DELETED));
        assertTrue(AgentRules.cleanable(AgentStatus.DELETED));
        assertTrue(AgentRules.takesEntities(AgentStatus.ACTIVE));
        assertFalse(AgentRules.takesEntities(AgentStatus.UNACTIVE));
        assertFalse(AgentRules.takesEntities(AgentStatus.SOFTBUSY));
    }

    static void bad(Runnable r, String text) {
        io.armada.core.testing.ApiErrors.badRequest(text, r);
    }

    @Test
    public void unknownIdsAreRefusedAsTheOriginalDoes() {
        AgentRules.checkKnown(java.util.List.of(1L, 2L), java.util.Set.of(1L, 2L, 3L));
        bad(() -> AgentRules.checkKnown(java.util.List.of(1L, 9L, 8L), java.util.Set.of(1L)),
                "agents id [8, 9] can not be found");
    }
}
