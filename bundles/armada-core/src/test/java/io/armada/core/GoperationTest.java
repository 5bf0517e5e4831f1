package io.armada.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.Test;

public class GoperationTest {

    static void refused(Runnable r, String message) {
        assertEquals(message, io.armada.core.testing.ApiErrors.expect(ErrorKind.BAD_REQUEST, r).getMessage());
    }

    @Test
    public void agentSelections() {
        assertTrue(Goperation.agents("all").all());
        assertTrue(Goperation.agents(" ALL ").all());
        assertEquals(Set.of(5L), Goperation.agents("5").ids());
        assertEquals(Set.of(1L, 2L, 3L, 7L), Goperation.agents("3,1-2,7").ids());
        assertEquals(List.of(1L, 2L, 3L), List.copyOf(Goperation.agents("1-3").ids()));
        refused(() -> Goperation.agents("0"), "agent id 0 not match regx");
        refused(() -> Goperation.agents("x"), "agent id x not match regx");
        refused(() -> Goperation.agents("1,,2"), "agent id  not match regx");
        refused(() -> Goperation.agents("99999999999999999999"), "agent id 99999999999999999999 not match regx");
        refused(() -> Goperation.agents("5-2"), "agent id range 5-2 is not valid");
        refused(() -> Goperation.agents("1-100001"), "agent id range 1-100001 is not valid");
        refused(() -> Goperation.agents("1-60000,70000-130000"), "too many agent ids");
        refused(() -> Goperation.agents(""), "agent id is empty");
        refused(() -> Goperation.agents(null), "agent id is empty");
    }

    @Test
    public void oneAgent() {
        assertEquals(9L, Goperation.oneAgent(" 9 "));
        refused(() -> Goperation.oneAgent("all"), "Just for one agent");
        refused(() -> Goperation.oneAgent("1,2"), "Just for one agent");
        refused(() -> Goperation.oneAgent("1-2"), "Just for one agent");
        refused(() -> Goperation.oneAgent("abc"), "agent id abc not match regx");
        refused(() -> Goperation.oneAgent(" "), "agent id is empty");
    }

    @Test
    public void entities() {
        assertEquals(0L, Goperation.entity("0"));
        assertEquals(12L, Goperation.entity(" 12 "));
        refused(() -> Goperation.entity("-1"), "entity -1 is not an entity number");
        refused(() -> Goperation.entity("x"), "entity x is not an entity number");
        refused(() -> Goperation.entity(null), "entity null is not an entity number");
    }

    @Test
    public void portLists() {
        assertEquals(List.of(3000, 3001), Goperation.ports("3000,,3001"));
        refused(() -> Goperation.ports("3000,x"), "Port in ports not int, can not edit ports");
        refused(() -> Goperation.ports(" , "), "Ports is None for delete ports");
        refused(() -> Goperation.ports(null), "Ports is None for delete ports");
    }

    @Test
    public void pagesAreZeroBasedAndAPageBeyondAnIntOffsetIsRefusedNotWrapped() {
        assertEquals(0, Goperation.page(null));
        assertEquals(3, Goperation.page(3));
        assertEquals(600, Goperation.offset(3));
        refused(() -> Goperation.page(-1), "page_num must be at least 0");
        // 2147483647 * 200 wrapped to a negative offset, which the JPA provider answered with a 500 (review M6)
        refused(() -> Goperation.page(Integer.MAX_VALUE), "page_num is too large");
        refused(() -> Goperation.page(10_737_419), "page_num is too large");
        assertEquals(10_737_417 * 200, Goperation.offset(Goperation.page(10_737_417)));
        Goperation.checkPage(0, 0);
        Goperation.checkPage(1, 201);
        refused(() -> Goperation.checkPage(1, 200), "Page number over size or no data exist");
    }
}
