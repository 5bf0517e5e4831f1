package io.armada.agents.internal;

import static io.armada.agents.internal.AgentRulesTest.bad;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.Test;

public class AgentIdsTest {

    @Test
    public void selections() {
        assertTrue(AgentIds.parse("all").all());
        assertTrue(AgentIds.parse("ALL").all());
        assertEquals(Set.of(5L), AgentIds.parse("5").ids());
        assertEquals(Set.of(1L, 2L, 3L, 7L), AgentIds.parse("3,1-2,7").ids());
        assertEquals(List.of(1L, 2L, 3L), List.copyOf(AgentIds.parse("1-3").ids()));
        bad(() -> AgentIds.parse("0"), "not match regx");
        bad(() -> AgentIds.parse("x"), "not match regx");
        bad(() -> AgentIds.parse("1,,2"), "not match regx");
        bad(() -> AgentIds.parse("5-2"), "not valid");
        bad(() -> AgentIds.parse(""), "empty");
    }

    @Test
    public void oneAgentOnly() {
        assertEquals(9L, AgentIds.one("9"));
        bad(() -> AgentIds.one("all"), "Just for one agent");
        bad(() -> AgentIds.one("1,2"), "Just for one agent");
        bad(() -> AgentIds.one("1-2"), "Just for one agent");
    }

    @Test
    public void unknownIdsAreNamed() {
        AgentIds.checkKnown(List.of(1L, 2L), Set.of(1L, 2L, 3L));
        bad(() -> AgentIds.checkKnown(List.of(1L, 9L, 8L), Set.of(1L)), "agents id [8, 9] can not be found");
    }
}
