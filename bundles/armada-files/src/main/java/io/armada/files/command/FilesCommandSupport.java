package io.armada.files.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.table.ShellTable;

import io.armada.files.FileRecord;
import io.armada.files.FileService;

/** What every {@code file:} command shares: the service, and how records are printed. */
public abstract class FilesCommandSupport implements Action {
    /** Widest address column before it is cut (the full value is in the HTTP answer). */
    private static final int ADDRESS_WIDTH = 70;

    @Reference
    protected FileService files;

    protected static void print(List<FileRecord> rows) {
        ShellTable table = new ShellTable();
        table.column("MD5");
        table.column("Size").alignRight();
        table.column("Ext");
        table.column("Status");
        table.column("Uploaded (UTC)");
        table.column("Here");
        table.column("Address").maxSize(ADDRESS_WIDTH);
        for (FileRecord r : rows) {
            table.addRow().addContent(r.md5(), r.size(), r.ext(), r.status(), r.uploadtime(), r.stored() ? "yes" : "no",
                    r.address());
        }
        table.print(System.out);
    }
}
