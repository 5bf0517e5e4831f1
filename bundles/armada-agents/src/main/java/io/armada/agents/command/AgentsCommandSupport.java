package io.armada.agents.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import io.armada.agents.AgentService;
import io.armada.agents.AsyncRequests;

/** What every {@code agent:} command shares: the agents and async-request services (both of this bundle). */
public abstract class AgentsCommandSupport implements Action {

    @Reference
    protected AgentService agents;

    @Reference
    protected AsyncRequests async;
}
