package io.armada.agents;

import java.util.Collection;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The async-request engine (SPEC §7): one request fans a task out to many agents at once, records each agent's
 * answer as it arrives, and finishes when all answered or at the deadline, when every agent that did not answer
 * gets the synthetic answer {@code -124 "Agent respone overtime"}. Calls in flight need no thread each; the
 * deadlines are kept by one timer thread for all requests (core's shared one). Requests and answers are stored in the database.
 *
 * @since 1.0
 */
@ProviderType
public interface AsyncRequests {

    /**
     * Checks a client's time window (Goperation's rules) and turns it into server time.
     *
     * @param requestTime the client's {@code request_time} (epoch seconds), required
     * @param finishtime the client's {@code finishtime}, or {@code null}/0 for the default
     * @param deadline the client's {@code deadline}, or {@code null}/0 for {@code finishtime + 5}
     * @param expire seconds to keep answers after the deadline, or {@code null} for {@code defaultExpire}
     * @param defaultExpire the route's default {@code expire}
     * @return the window in server time
     * @throws io.armada.core.ApiException BAD_REQUEST when a check fails
     * @since 1.0
     */
    AsyncTiming timing(Long requestTime, Long finishtime, Long deadline, Integer expire, int defaultExpire);

    /**
     * Records a new request and starts {@code task} on every reachable target at once. Targets without an address
     * get the overtime answer at the deadline.
     *
     * @param action a name for the request, e.g. {@code status_agent}
     * @param timing from {@link #timing}
     * @param targets the agents
     * @param task the work per agent
     * @return the request as recorded, and a stage completing when it finishes
     * @since 1.0
     */
    AsyncHandle submit(String action, AsyncTiming timing, List<AgentTarget> targets, AgentTask task);

    /**
     * Records an answer an agent posts itself. A second answer of the same agent is refused, unless the first is
     * the synthetic overtime answer, which it replaces.
     *
     * @param requestId the request
     * @param agentId the answering agent, one of the request's targets
     * @param agentTime the agent's clock, epoch seconds
     * @param answer the answer
     * @return {@code true} when recorded, {@code false} when the agent had answered already
     * @throws io.armada.core.ApiException NOT_FOUND for an unknown request, BAD_REQUEST for an agent that is not a
     *         target
     * @since 1.0
     */
    boolean respond(String requestId, long agentId, long agentTime, AgentAnswer answer);

    /**
     * One request.
     *
     * @param requestId the request
     * @param responses include the answers
     * @param details include the answers' detail rows
     * @return the request
     * @throws io.armada.core.ApiException BAD_REQUEST for an id that is not a uuid, NOT_FOUND when unknown
     * @since 1.0
     */
    AsyncRequestView show(String requestId, boolean responses, boolean details);

    /**
     * A page of requests, newest first unless ordered otherwise.
     *
     * @param status 0 or 1, or {@code null} for both
     * @param start only requests made at or after this epoch second, or {@code null}
     * @param end only requests made before this epoch second, or {@code null}
     * @param order a column ({@code request_id, request_time, finishtime, deadline, status, resultcode, expire}),
     *        or {@code null}
     * @param desc reverse the order
     * @param page the page number (200 rows per page)
     * @return the page
     * @throws io.armada.core.ApiException BAD_REQUEST for an unknown column or a page past the end
     * @since 1.0
     */
    AsyncPage list(Integer status, Long start, Long end, String order, boolean desc, int page);

    /**
     * Finishes a request now: the given agents get the overtime answer (unless they answered), Goperation's
     * reserved {@code overtime} route.
     *
     * @param requestId the request
     * @param agentTime the time to record on the overtime answers
     * @param agents the agents that did not answer
     * @return how many overtime answers were recorded
     * @throws io.armada.core.ApiException BAD_REQUEST when the request has finished, NOT_FOUND when unknown
     * @since 1.0
     */
    int overtime(String requestId, long agentTime, Collection<Long> agents);

    /**
     * Moves the finish time and deadline of an unfinished request.
     *
     * @param requestId the request
     * @param timing the new window (from {@link #timing}); its deadline must not be earlier than the current one
     * @return the request after the change
     * @throws io.armada.core.ApiException BAD_REQUEST when finished or the deadline moves back, NOT_FOUND when
     *         unknown
     * @since 1.0
     */
    AsyncRequestView extend(String requestId, AsyncTiming timing);
}
