package io.armada.blocklists.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.blocklists.command.completers.DomainIdCompleter;

/** {@code blocklist:domain-update <id> <domain>}. */
@Service
@Command(scope = "blocklist", name = "domain-update", description = "Replaces the domain of a row of the domain block list")
public class DomainUpdateCommand extends BlocklistCommandSupport {

    @Argument(index = 0, name = "id", required = true, description = "The row's id")
    @Completion(DomainIdCompleter.class)
    long id;

    @Argument(index = 1, name = "domain", required = true,
            description = "The new host name (optionally *.-prefixed) or URL, at most 253 characters")
    String domain;

    @Override
    public Object execute() {
        printDomains(List.of(blocklists.updateDomain(id, domain)));
        return null;
    }
}
