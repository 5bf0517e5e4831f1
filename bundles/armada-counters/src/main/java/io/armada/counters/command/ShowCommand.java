package io.armada.counters.command;

import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.armada.counters.Counter;
import io.armada.counters.CounterService;

/** {@code counter:show}: both change counters and their values. */
@Service
@Command(scope = "counter", name = "show", description = "Shows the change counters of the block lists")
public class ShowCommand implements Action {

    @Reference
    CounterService counters;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Field");
        table.column("Value").alignRight();
        for (Map.Entry<Counter, Long> e : counters.values().entrySet()) {
            table.addRow().addContent(e.getKey().field(), e.getValue());
        }
        table.print(System.out);
        return null;
    }
}
