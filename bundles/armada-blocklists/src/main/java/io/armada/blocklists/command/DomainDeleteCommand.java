package io.armada.blocklists.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.blocklists.command.completers.DomainIdCompleter;

/** {@code blocklist:domain-delete <id>}. */
@Service
@Command(scope = "blocklist", name = "domain-delete", description = "Removes a row from the domain block list")
public class DomainDeleteCommand extends BlocklistCommandSupport {

    @Argument(index = 0, name = "id", required = true, description = "The row's id")
    @Completion(DomainIdCompleter.class)
    long id;

    @Override
    public Object execute() {
        printDomains(List.of(blocklists.deleteDomain(id)));
        return null;
    }
}
