package io.armada.files.internal;

import java.util.Map;

import io.armada.files.AgentRequest;
import io.armada.files.RequestWindow;

/**
 * What the files area asks of the agents area: one {@code FileHandler} command run on each selected agent's node as
 * an async request. Implemented by {@link AgentsBridge}, which exists only while the agents area does.
 */
public interface AgentDelivery {

    /**
     * Starts the request.
     *
     * @param agents Goperation's agent selection
     * @param action the request's name ({@code send_file}, ...)
     * @param command the node's {@code FileHandler} command
     * @param data the command's data
     * @param ok the result of an agent whose node did it
     * @param window the client's time window
     * @return the request as started
     * @throws io.armada.core.ApiException BAD_REQUEST for a selection or window that does not pass
     */
    AgentRequest run(String agents, String action, String command, Map<String, Object> data, String ok,
            RequestWindow window);
}
