package io.armada.ports.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code port:free}: frees ports of an entity. */
@Service
@Command(scope = "port", name = "free", description = "Frees ports of an entity of an endpoint on an agent")
public class FreePortsCommand extends PortsCommandSupport {

    @Argument(index = 1, name = "endpoint", description = "Endpoint name", required = true)
    String endpoint;

    @Argument(index = 2, name = "entity", description = "Entity number", required = true)
    long entity;

    @Argument(index = 3, name = "ports", multiValued = true, description = "Ports to free (omit with --all)")
    List<Integer> wanted;

    @Option(name = "-a", aliases = "--all", description = "Free every port of the entity")
    boolean all;

    @Option(name = "-l", aliases = "--lenient", description = "Free what matches instead of refusing when a port is not the entity's")
    boolean lenient;

    @Override
    public Object execute() {
        int n = all ? ports.freeEntity(agentId, endpoint, entity)
                : ports.free(agentId, endpoint, entity, wanted == null ? List.of() : wanted, !lenient);
        System.out.println("Freed " + n + " port(s) on agent " + agentId + " from " + endpoint + ":" + entity);
        return null;
    }
}
