package io.armada.blocklists.command.completers;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.apache.karaf.shell.api.console.CommandLine;
import org.junit.Test;

import io.armada.blocklists.DomainBlock;

public class IdCandidatesTest {

    /** What the shell passes while the user types {@code blocklist:domain-delete <typed>}. */
    private static CommandLine typing(String typed) {
        return new CommandLine() {
            @Override
            public int getCursorArgumentIndex() {
                return 1;
            }

            @Override
            public String getCursorArgument() {
                return typed;
            }

            @Override
            public int getArgumentPosition() {
                return typed.length();
            }

            @Override
            public String[] getArguments() {
                return new String[] {"blocklist:domain-delete", typed};
            }

            @Override
            public int getBufferPosition() {
                return ("blocklist:domain-delete " + typed).length();
            }

            @Override
            public String getBuffer() {
                return "blocklist:domain-delete " + typed;
            }
        };
    }

    private static List<DomainBlock> rows(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(i -> new DomainBlock(i, "d" + i + ".example.com")).toList();
    }

    @Test
    public void offersTheIdsThatStartWithWhatWasTyped() {
        List<String> candidates = new ArrayList<>();
        IdCandidates.complete(rows(1, 30), DomainBlock::id, null, typing("2"), candidates);
        List<String> ids = candidates.stream().map(String::trim).sorted().toList();
        assertEquals(List.of("2", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29"), ids);
    }

    @Test
    public void offersAtMostAFewHundredOfALongList() {
        List<String> candidates = new ArrayList<>();
        IdCandidates.complete(rows(1, 100_000), DomainBlock::id, null, typing(""), candidates);
        assertEquals(IdCandidates.MAX, candidates.size());
        assertTrue(candidates.stream().map(String::trim).anyMatch("1"::equals));
    }
}
