package io.armada.files;

/**
 * The time window a client gives a per-agent file request (SPEC §7, Goperation's async rules), in the client's
 * clock: {@code request_time} is required; the others take their defaults when {@code null}.
 *
 * @param requestTime the client's {@code request_time}, epoch seconds
 * @param finishtime the client's {@code finishtime}, or {@code null}
 * @param deadline the client's {@code deadline}, or {@code null}
 * @param expire seconds the answers are kept after the deadline, or {@code null}
 * @since 1.1
 */
public record RequestWindow(Long requestTime, Long finishtime, Long deadline, Integer expire) {
}
