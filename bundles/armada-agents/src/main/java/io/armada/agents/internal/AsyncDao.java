package io.armada.agents.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where async requests and their answers are kept. Each call is one transaction. */
public interface AsyncDao {
    /** The synthetic answer's code (RESULT_OVER_FINISHTIME). */
    int OVERTIME = -124;

    /** A page of requests with the total count. */
    record Page(long total, List<AsyncRequestRow> rows) {
    }

    /** What happened to one answer. */
    enum Outcome { INSERTED, REPLACED_OVERTIME, DUPLICATE }

    void insert(AsyncRequestRow r);

    Optional<AsyncRequestRow> find(String requestId);

    /** A request not finished and the server that owns it ({@code null} for rows older than owners). */
    record Owned(AsyncRequestRow row, String owner) {
    }

    /** Requests not finished with their owners, by deadline. */
    List<Owned> unfinishedOwned();

    /**
     * Makes this DAO's server the owner of an unfinished request that is still {@code from}'s (one of several
     * servers wins).
     *
     * @param from the owner seen, may be {@code null}
     * @return whether it is now this server's
     */
    boolean adopt(String requestId, String from);

    /**
     * A page of the list.
     *
     * @throws io.armada.core.ApiException BAD_REQUEST for an unknown order column
     */
    Page page(Integer status, Long start, Long end, String order, boolean desc, int offset, int limit);

    /** The answers of a request, by agent. */
    List<ResponseRow> responses(String requestId);

    /** The agents that answered a request. */
    Set<Long> answered(String requestId);

    /** The agents that answered each of these requests (a request nobody answered is left out). */
    java.util.Map<String, Set<Long>> answered(java.util.Collection<String> requestIds);

    /** Records one answer: a second answer of an agent is refused unless the first is the synthetic overtime one. */
    Outcome respond(ResponseRow r);

    /**
     * Records many answers in one transaction; on a conflict falls back to one transaction per answer.
     *
     * @return the outcome per answer, in order
     */
    List<Outcome> respondAll(List<ResponseRow> rows);

    /**
     * Finishes an unfinished request: the overtime answer for every target that has none, then the final code.
     *
     * @return how many overtime answers were written, or -1 when the request had finished already
     */
    int finish(String requestId, Collection<Long> targets, long now, String overtimeResult);

    /**
     * Moves the window of an unfinished request.
     *
     * @throws io.armada.core.ApiException NOT_FOUND, or BAD_REQUEST when finished or the deadline moves back
     */
    AsyncRequestRow extend(String requestId, long finishtime, long deadline);

    /**
     * Deletes the answers of finished requests with {@code expire > 0} whose deadline plus expire has passed.
     *
     * @return rows deleted
     */
    int purgeExpired(long now);
}
