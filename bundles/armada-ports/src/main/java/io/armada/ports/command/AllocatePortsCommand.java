package io.armada.ports.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code port:allocate}: allocates ports to an entity, all or nothing. */
@Service
@Command(scope = "port", name = "allocate", description = "Allocates ports to an entity of an endpoint on an agent")
public class AllocatePortsCommand extends PortsCommandSupport {

    @Argument(index = 1, name = "endpoint", description = "Endpoint name", required = true)
    String endpoint;

    @Argument(index = 2, name = "entity", description = "Entity number", required = true)
    long entity;

    @Argument(index = 3, name = "ports", multiValued = true,
            description = "Ports to allocate; 'any' for any free port (default: one free port)")
    List<String> wanted;

    @Option(name = "-c", aliases = "--count", description = "Allocate this many free ports (instead of a list)")
    Integer count;

    @Option(name = "-d", aliases = "--desc", description = "Description stored with the ports")
    String desc;

    @Override
    public Object execute() {
        List<Integer> request = new ArrayList<>();
        if (count != null) {
            for (int i = 0; i < count; i++) {
                request.add(null);
            }
        } else if (wanted == null || wanted.isEmpty()) {
            request.add(null);
        } else {
            for (String w : wanted) {
                request.add(w.toLowerCase(Locale.ROOT).equals("any") ? null : Integer.valueOf(w));
            }
        }
        List<Integer> got = ports.allocate(agentId, endpoint, entity, request, desc);
        System.out.println("Allocated " + got + " on agent " + agentId + " to " + endpoint + ":" + entity);
        return null;
    }
}
