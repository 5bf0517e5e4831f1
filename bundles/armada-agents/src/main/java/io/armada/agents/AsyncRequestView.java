package io.armada.agents;

import java.util.List;

/**
 * An async request as Goperation shows it.
 *
 * @param requestId 36-character uuid
 * @param action what the request does ({@code status_agent}, ...)
 * @param requestTime epoch seconds
 * @param finishtime epoch seconds
 * @param deadline epoch seconds
 * @param status 0 unfinished, 1 finished
 * @param expire seconds the answers are kept after the deadline; 0 keeps them
 * @param resultcode -127 while waiting; 0 when every agent answered; 1 when some did not
 * @param result the message
 * @param agents the target agent ids
 * @param responses the recorded answers (empty unless asked for)
 * @since 1.0
 */
public record AsyncRequestView(String requestId, String action, long requestTime, long finishtime, long deadline,
        int status, int expire, int resultcode, String result, List<Long> agents, List<AgentResponseView> responses) {

    /** {@link #status()} of a request still collecting answers. */
    public static final int UNFINISH = 0;
    /** {@link #status()} of a finished request. */
    public static final int FINISH = 1;
}
