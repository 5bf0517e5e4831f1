package io.armada.blocklists.command.completers;

import java.util.List;
import java.util.function.ToLongFunction;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Row ids that start with what was typed, at most {@link #MAX} of them (a list may hold 100,000 rows). */
final class IdCandidates {
    static final int MAX = 500;

    private IdCandidates() {
    }

    static <T> int complete(List<T> rows, ToLongFunction<T> id, Session session, CommandLine line,
            List<String> candidates) {
        String typed = line.getCursorArgument() == null ? ""
                : line.getCursorArgument().substring(0, Math.min(line.getArgumentPosition(),
                        line.getCursorArgument().length()));
        StringsCompleter delegate = new StringsCompleter();
        for (T row : rows) {
            String value = Long.toString(id.applyAsLong(row));
            if (value.startsWith(typed)) {
                delegate.getStrings().add(value);
                if (delegate.getStrings().size() >= MAX) {
                    break;
                }
            }
        }
        return delegate.complete(session, line, candidates);
    }
}
