package io.armada.agents.internal;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.armada.core.ApiException;
import io.armada.core.Goperation;
import io.armada.core.Json;

/** The agent lookups that the agent routes, the entity routes and the ports directory share. */
final class AgentLookup {
    private static final Logger LOG = LoggerFactory.getLogger(AgentLookup.class);
    private static final ObjectMapper MAPPER = Json.newMapper();

    private AgentLookup() {
    }

    /**
     * One live agent by path value (Goperation's AgentIdformater). An unknown or deleted id is the original's
     * NoResultFound, 404 (issue 10); a list naming unknown ids stays 400 ({@link AgentRules#checkKnown}).
     */
    static AgentRow one(AgentDao dao, String raw) {
        long id = Goperation.oneAgent(raw);
        return live(dao, id).orElseThrow(() -> unknown(id));
    }

    static Optional<AgentRow> live(AgentDao dao, long agentId) {
        return dao.find(agentId).filter(a -> AgentRules.live(a.status()));
    }

    static ApiException unknown(long agentId) {
        return ApiException.notFound("agents id [" + agentId + "] can not be found");
    }

    /** The stored ports_range, empty when unreadable. */
    static List<String> portsRange(AgentRow a) {
        try {
            return a.portsRange() == null || a.portsRange().isBlank() ? List.of()
                    : MAPPER.readValue(a.portsRange(), new TypeReference<List<String>>() {
                    });
        } catch (JsonProcessingException e) {
            LOG.warn("Agent {} has an unreadable ports_range", a.agentId());
            return List.of();
        }
    }

    static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not writable as JSON: " + e.getMessage(), e);
        }
    }
}
