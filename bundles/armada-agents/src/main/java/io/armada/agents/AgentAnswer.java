package io.armada.agents;

import java.util.List;

/**
 * One agent's answer to an async request (Goperation's agent response).
 *
 * @param resultcode -127..127; 0 is success
 * @param result a message (at most 1,024 characters are kept)
 * @param details optional detail rows, empty when none
 * @since 1.0
 */
public record AgentAnswer(int resultcode, String result, List<Detail> details) {
    public AgentAnswer {
        details = details == null ? List.of() : List.copyOf(details);
    }

    /**
     * A detail row of an answer.
     *
     * @param detailId the detail number
     * @param resultcode -127..127
     * @param result a string, or a JSON-like value (maps, lists, numbers)
     * @since 1.0
     */
    public record Detail(long detailId, int resultcode, Object result) {
    }
}
