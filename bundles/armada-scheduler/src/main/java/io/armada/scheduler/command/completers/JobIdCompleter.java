package io.armada.scheduler.command.completers;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import io.armada.scheduler.SchedulerService;

/** Completes job ids that start with what was typed, at most {@link #MAX} of them. */
@Service
public class JobIdCompleter implements Completer {
    static final int MAX = 500;

    @Reference
    SchedulerService scheduler;

    @Override
    public int complete(Session session, CommandLine line, List<String> candidates) {
        String typed = line.getCursorArgument() == null ? ""
                : line.getCursorArgument().substring(0, Math.min(line.getArgumentPosition(),
                        line.getCursorArgument().length()));
        StringsCompleter delegate = new StringsCompleter();
        for (String id : matching(scheduler.ids(Integer.MAX_VALUE), typed)) {
            delegate.getStrings().add(id);
        }
        return delegate.complete(session, line, candidates);
    }

    static List<String> matching(List<Long> ids, String typed) {
        return ids.stream().map(String::valueOf).filter(s -> s.startsWith(typed)).limit(MAX).toList();
    }
}
