package io.armada.tars.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.armada.tars.ProfileTemplate;
import io.armada.tars.TarsTemplates;

/** {@code tars:templates}: every profile template with its parent. */
@Service
@Command(scope = "tars", name = "templates", description = "Lists the profile templates and their parents")
public class ListTemplatesCommand extends TarsCommandSupport {

    @Reference
    TarsTemplates templates;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("Template");
        table.column("Parent");
        table.column("Chars").alignRight();
        int n = 0;
        for (ProfileTemplate t : templates.query(null, null)) {
            table.addRow().addContent(t.id(), t.templateName(), t.parentsName(), t.profile().length());
            n++;
        }
        table.print(System.out);
        System.out.println(n + " template(s)");
        return null;
    }
}
