package io.armada.core.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.armada.core.TokenService;

/** {@code armada:token}: prints the fleet API token (SPEC §4). */
@Service
@Command(scope = "armada", name = "token", description = "Prints the fleet API token that clients, nodes and the shell use")
public class TokenCommand implements Action {

    @Reference
    TokenService tokens;

    @Option(name = "-s", aliases = "--source", description = "Also print where the token comes from (environment, configuration, generated)")
    boolean source;

    @Override
    public Object execute() {
        System.out.println(tokens.token());
        if (source) {
            System.out.println("source: " + tokens.source());
        }
        return null;
    }
}
