package io.armada.agents;

import org.osgi.annotation.versioning.ProviderType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where node reports arrive ({@code POST /v1.0/reports}, SPEC §6): the first report of a node creates its agent
 * (inactive), every report keeps it online for a few report intervals.
 *
 * @since 1.1
 */
@ProviderType
public interface NodeReportIntake {

    /**
     * Takes a resource or service report.
     *
     * @param body the report as sent
     * @return the agent id of the node
     * @throws io.armada.core.ApiException BAD_REQUEST for a malformed report, REFUSED for a deleted agent or a
     *         host name another node has
     * @since 1.1
     */
    long ingest(JsonNode body);
}
