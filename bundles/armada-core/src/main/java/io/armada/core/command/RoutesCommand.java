package io.armada.core.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.armada.core.RouteCatalog;

/** {@code armada:routes}: the routes served right now, by area, and resources the whiteboard refused. */
@Service
@Command(scope = "armada", name = "routes", description = "Lists the HTTP routes served right now")
public class RoutesCommand implements Action {

    @Reference
    RouteCatalog catalog;

    @Option(name = "-a", aliases = "--area", description = "Only the routes of this area")
    String area;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Area");
        table.column("Method");
        table.column("Path");
        for (RouteCatalog.Route r : catalog.routes()) {
            if (area == null || area.equals(r.area())) {
                table.addRow().addContent(r.area(), r.method(), r.path());
            }
        }
        table.print(System.out);
        for (String failure : catalog.failures()) {
            System.out.println("not served: " + failure);
        }
        return null;
    }
}
