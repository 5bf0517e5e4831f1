package io.armada.counters.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import io.armada.core.ApiException;
import io.armada.counters.Counter;
import io.armada.counters.CounterService;

/** {@code counter:bump <field>}: adds one to a counter, so every polling client reads its block list again. */
@Service
@Command(scope = "counter", name = "bump",
        description = "Adds one to a change counter, so that clients polling it read that block list again")
public class BumpCommand implements Action {

    @Reference
    CounterService counters;

    @Argument(index = 0, name = "field", required = true,
            description = "The counter: counter_for_domain or counter_for_process")
    @Completion(value = StringsCompleter.class, values = {"counter_for_domain", "counter_for_process"})
    String field;

    @Override
    public Object execute() {
        Counter counter = Counter.ofField(field).orElseThrow(() -> ApiException.badRequest(
                "field must be counter_for_domain or counter_for_process, not '" + field + "'"));
        System.out.println(counter.field() + " = " + counters.increment(counter));
        return null;
    }
}
