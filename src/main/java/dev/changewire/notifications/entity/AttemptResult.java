package dev.changewire.notifications.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one attempt got back.
 *
 * @param httpStatus   the receiver's status, or null when there was no response
 * @param error        why there was no response (or why it was refused), or null
 * @param responseBody the first {@value DeliveryAttempt#MAX_RESPONSE_BODY} characters of the response, or null
 * @param retryAfter   the receiver's {@code Retry-After} header, or null
 */
public record AttemptResult(Instant startedAt, Duration duration, Integer httpStatus, String error, DeliveryOutcome outcome,
        String responseBody, String retryAfter) {

    public AttemptResult {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outcome, "outcome");
        if (responseBody != null && responseBody.length() > DeliveryAttempt.MAX_RESPONSE_BODY) {
            responseBody = responseBody.substring(0, DeliveryAttempt.MAX_RESPONSE_BODY);
        }
    }

    public static AttemptResult response(Instant startedAt, Duration duration, int status, String body, String retryAfter) {
        return new AttemptResult(startedAt, duration, status, null, DeliveryOutcome.ofStatus(status), body, retryAfter);
    }

    public static AttemptResult failure(Instant startedAt, Duration duration, AttemptFailure failure, String error) {
        return new AttemptResult(startedAt, duration, null, error, DeliveryOutcome.ofFailure(failure), null, null);
    }
}
