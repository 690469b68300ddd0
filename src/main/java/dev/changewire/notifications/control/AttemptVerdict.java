package dev.changewire.notifications.control;

import dev.changewire.notifications.entity.AttemptResult;
import dev.changewire.notifications.entity.DeliveryOutcome;
import dev.changewire.notifications.entity.NotificationStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * What an attempt's result does to its notification and to the instance's subscription.
 *
 * @param status      the notification's new status
 * @param nextAttempt when to try again (RETRYING only)
 * @param deactivate  whether the instance's subscription is deactivated (410, or the last attempt failed)
 * @param reason      why, for the operator (deactivations and failures)
 */
public record AttemptVerdict(NotificationStatus status, Instant nextAttempt, boolean deactivate, String reason) {

    /**
     * @param result             the attempt's result
     * @param attemptInRound     which attempt of the current round this was, from 1
     * @param subscriptionActive whether the instance's subscription is active now
     */
    public static AttemptVerdict of(AttemptResult result, int attemptInRound, RetrySchedule schedule, boolean subscriptionActive,
            Instant now) {
        DeliveryOutcome outcome = result.outcome();
        if (outcome == DeliveryOutcome.DELIVERED) {
            return new AttemptVerdict(NotificationStatus.DELIVERED, null, false, null);
        }
        if (outcome == DeliveryOutcome.DEACTIVATE) {
            return new AttemptVerdict(NotificationStatus.QUEUED, null, true,
                    "The callback answered 410 Gone: notifications are queued until they are redelivered");
        }
        String failure = describe(result);
        Optional<Instant> next = schedule.nextAttempt(now, attemptInRound, outcome,
                RetrySchedule.retryAfter(result.retryAfter(), now));
        if (next.isEmpty()) {
            return new AttemptVerdict(NotificationStatus.FAILED, null, true, "The last of " + schedule.maxAttempts()
                    + " attempts failed (" + failure + "): notifications are queued until they are redelivered");
        }
        if (!subscriptionActive) {
            return new AttemptVerdict(NotificationStatus.QUEUED, null, false, failure);
        }
        return new AttemptVerdict(NotificationStatus.RETRYING, next.get(), false, failure);
    }

    static String describe(AttemptResult result) {
        if (result.httpStatus() != null) {
            return "HTTP " + result.httpStatus();
        }
        return result.error() == null ? result.outcome().name() : result.error();
    }
}
