/**
 * Armada agents API (seed 000): the fleet as the server sees it ({@link io.armada.agents.AgentService}) and the
 * async-request engine that fans work out to nodes and collects one answer per agent
 * ({@link io.armada.agents.AsyncRequests}), for the shell and for later areas (files, tars tasks, job batches).
 */
@Export
@Version("2.1.0")
package io.armada.agents;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
