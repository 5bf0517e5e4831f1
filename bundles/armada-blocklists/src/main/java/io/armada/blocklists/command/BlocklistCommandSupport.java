package io.armada.blocklists.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.table.ShellTable;

import io.armada.blocklists.BlocklistService;
import io.armada.blocklists.DomainBlock;
import io.armada.blocklists.ProcessBlock;

/** What every {@code blocklist:} command shares: the service, and how rows are printed. */
public abstract class BlocklistCommandSupport implements Action {
    /** Widest signature column before it is cut (the full value is in the HTTP answer). */
    private static final int SIGNATURE_WIDTH = 80;

    @Reference
    protected BlocklistService blocklists;

    protected static void printDomains(List<DomainBlock> rows) {
        ShellTable table = new ShellTable();
        table.column("ID").alignRight();
        table.column("Domain");
        for (DomainBlock r : rows) {
            table.addRow().addContent(r.id(), r.domain());
        }
        table.print(System.out);
    }

    protected static void printProcesses(List<ProcessBlock> rows) {
        ShellTable table = new ShellTable();
        table.column("ID").alignRight();
        table.column("Process");
        table.column("Signature").maxSize(SIGNATURE_WIDTH);
        for (ProcessBlock r : rows) {
            table.addRow().addContent(r.id(), r.process(), r.signature());
        }
        table.print(System.out);
    }
}
