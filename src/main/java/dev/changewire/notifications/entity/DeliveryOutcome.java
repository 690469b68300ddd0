package dev.changewire.notifications.entity;

/** What one delivery attempt means for the notification. */
public enum DeliveryOutcome {
    /** 2xx: delivered; the events become NOTIFIED. */
    DELIVERED(false, false),
    /** 410 Gone: the receiver asks to stop; the instance's subscription is deactivated. */
    DEACTIVATE(false, true),
    /** 408, 5xx, connection errors: the receiver is having trouble; try again later. */
    RETRY(true, false),
    /** 429 or a timeout: the receiver is overloaded; try again, but not sooner than a minute. */
    RETRY_SLOW_DOWN(true, false),
    /**
     * Other 4xx, 3xx (redirects are not followed), or a refused/unresolvable address: retried like
     * any failure, but most likely a mistake in the callback's configuration that the operator must see.
     */
    RETRY_CLIENT_ERROR(true, true);

    private final boolean retry;
    private final boolean operatorAttention;

    DeliveryOutcome(boolean retry, boolean operatorAttention) {
        this.retry = retry;
        this.operatorAttention = operatorAttention;
    }

    public boolean retry() {
        return retry;
    }

    /** Whether the failure is probably the configuration's fault, not a passing condition. */
    public boolean operatorAttention() {
        return operatorAttention;
    }

    public static DeliveryOutcome ofStatus(int status) {
        if (status >= 200 && status <= 299) {
            return DELIVERED;
        }
        if (status == 410) {
            return DEACTIVATE;
        }
        if (status == 429) {
            return RETRY_SLOW_DOWN;
        }
        if (status == 408 || (status >= 500 && status <= 599)) {
            return RETRY;
        }
        // 1xx as a final status, 3xx, other 4xx, and nonsense all point at the receiver's setup
        return RETRY_CLIENT_ERROR;
    }

    public static DeliveryOutcome ofFailure(AttemptFailure failure) {
        return switch (failure) {
            case TIMEOUT -> RETRY_SLOW_DOWN;
            case CONNECTION -> RETRY;
            case UNRESOLVED_HOST, REFUSED_ADDRESS -> RETRY_CLIENT_ERROR;
        };
    }
}
