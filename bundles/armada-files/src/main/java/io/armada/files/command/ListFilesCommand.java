package io.armada.files.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.files.FilePage;

/** {@code file:list [page]}. */
@Service
@Command(scope = "file", name = "list", description = "Lists the file records, 200 a page")
public class ListFilesCommand extends FilesCommandSupport {

    @Argument(index = 0, name = "page", required = false, description = "Page number, from 0")
    int page;

    @Override
    public Object execute() {
        FilePage p = files.page(page);
        print(p.rows());
        System.out.println(p.rows().size() + " of " + p.total() + " records (page " + p.pagenum() + ")");
        return null;
    }
}
