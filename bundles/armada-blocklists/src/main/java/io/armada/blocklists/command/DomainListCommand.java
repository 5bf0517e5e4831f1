package io.armada.blocklists.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.blocklists.command.completers.DomainIdCompleter;

/** {@code blocklist:domain-list [id]}. */
@Service
@Command(scope = "blocklist", name = "domain-list", description = "Lists the domain block list, or one row of it")
public class DomainListCommand extends BlocklistCommandSupport {

    @Argument(index = 0, name = "id", required = false, description = "Only the row with this id")
    @Completion(DomainIdCompleter.class)
    Long id;

    @Override
    public Object execute() {
        printDomains(id == null ? blocklists.domains() : List.of(blocklists.domain(id)));
        return null;
    }
}
