package io.armada.jobs.internal;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.armada.core.ErrorKind;
import io.armada.core.testing.ApiErrors;

/** JOBX's group splitting, with the reference's examples (§001.3). */
public class GroupSplitterTest {

    private static List<String> nodes(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add("10.0.0." + i);
        }
        return out;
    }

    private static List<Integer> sizes(List<List<String>> batches) {
        return batches.stream().map(List::size).toList();
    }

    @Test
    public void listGroupsSplitOnSemicolonsAndNewlinesThenCommas() {
        assertEquals(List.of(List.of("node1", "node2"), List.of("node3")), GroupSplitter.list("node1,node2;node3"));
        assertEquals(List.of(List.of("a"), List.of("b"), List.of("c", "d")), GroupSplitter.list("a;;b\n\nc, d,;"));
        assertEquals("node1,node2;node3", GroupSplitter.checkList(" node1,node2;node3 "));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> GroupSplitter.checkList("a;b'c"));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> GroupSplitter.checkList(";;,"));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> GroupSplitter.checkList(null));
    }

    @Test
    public void percentSpecsTakeCountsAndSharesOfAllNodesAndTheLastRepeats() {
        List<String> twenty = nodes(20);
        // the seed's "1:2:%10:5%" with %10 written as JOBX accepts it: 1, 2, 10% of 20 = 2, then 5% (1) repeating
        List<List<String>> b = GroupSplitter.percent("1:2:10%:5%", twenty, GroupSplitter.projects(Map.of()));
        assertEquals(List.of(1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), sizes(b)); // 5, then 15 of one
        assertEquals(List.of("10.0.0.1"), b.get(0));
        assertEquals(List.of("10.0.0.2", "10.0.0.3"), b.get(1));
        assertEquals(List.of("10.0.0.20"), b.get(b.size() - 1));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> GroupSplitter.checkPercent("1:2:%10:5%"));
        assertEquals(List.of(1, 1, 1), sizes(GroupSplitter.percent("", nodes(3), GroupSplitter.projects(Map.of()))));
        assertEquals(List.of(1, 1, 1), sizes(GroupSplitter.percent("50%", nodes(3), GroupSplitter.projects(Map.of()))));
        assertEquals(List.of(5, 5), sizes(GroupSplitter.percent("50%", nodes(10), GroupSplitter.projects(Map.of()))));
        assertEquals(List.of(3, 3, 1), sizes(GroupSplitter.percent("3", nodes(7), GroupSplitter.projects(Map.of()))));
        assertEquals(List.of(2, 1, 4), sizes(GroupSplitter.percent("2:12.5%:10", nodes(7), // 12.5% of 7 is 0: at least 1
                GroupSplitter.projects(Map.of()))));
        assertEquals(List.of(), GroupSplitter.percent("1", List.of(), GroupSplitter.projects(Map.of())));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> GroupSplitter.checkPercent("0"));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> GroupSplitter.checkPercent("a%"));
    }

    @Test
    public void percentLinesPickNodesOfOtherProjectsThatThisOneHasByPosition() {
        List<String> mine = List.of("y", "z", "w", "q");
        Map<Long, List<String>> others = Map.of(2L, List.of("x", "y", "z", "w"), 3L, List.of("z", "q"));
        String lines = "2;1~3;1:2\n;4;1";
        assertEquals(lines, GroupSplitter.checkPercent(lines));
        assertEquals(List.of(List.of("y"), List.of("z", "w"), List.of("q")),
                GroupSplitter.percent(lines, mine, GroupSplitter.projects(others)));
        // two projects joined, de-duplicated, positions 2 and 3 of [y, z, w, q]
        assertEquals(List.of(List.of("z", "w")),
                GroupSplitter.percent("2,3;2,3;100%", mine, GroupSplitter.projects(others)));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> GroupSplitter.checkPercent("2;x;1"));
        ApiErrors.expect(ErrorKind.BAD_REQUEST, () -> GroupSplitter.checkPercent("2;1;1\nnope"));
    }
}
