package io.armada.agents;

import java.util.concurrent.CompletionStage;

/**
 * A submitted async request.
 *
 * @param started the request as recorded when it was accepted
 * @param finished completes with the final request (with its answers) when every agent answered or at the
 *        deadline; it only completes in the server that submitted it, while that server runs
 * @since 1.0
 */
public record AsyncHandle(AsyncRequestView started, CompletionStage<AsyncRequestView> finished) {
}
