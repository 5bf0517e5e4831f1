package io.armada.blocklists.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code blocklist:domain-add <domain>}. */
@Service
@Command(scope = "blocklist", name = "domain-add", description = "Adds a host name or URL to the domain block list")
public class DomainAddCommand extends BlocklistCommandSupport {

    @Argument(index = 0, name = "domain", required = true,
            description = "A host name (optionally *.-prefixed) or a URL, at most 253 characters")
    String domain;

    @Override
    public Object execute() {
        printDomains(List.of(blocklists.addDomain(domain)));
        return null;
    }
}
