package dev.changewire.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of the delivery log: one attempt to POST one notification. */
@Entity
@Table(name = "notification_attempt")
public class DeliveryAttempt {

    public static final int MAX_RESPONSE_BODY = 2048;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "notification_attempt_seq")
    @SequenceGenerator(name = "notification_attempt_seq", sequenceName = "notification_attempt_seq", allocationSize = 50)
    private Long id;

    @Column(name = "notification_id", nullable = false, length = 64)
    private String notificationId;

    @Column(name = "attempt_number", nullable = false)
    private int number;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "duration_ms", nullable = false)
    private long durationMillis;

    @Column(name = "http_status")
    private Integer httpStatus;

    @Column(length = 1000)
    private String error;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private DeliveryOutcome outcome;

    @Column(name = "response_body", length = MAX_RESPONSE_BODY)
    private String responseBody;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    protected DeliveryAttempt() {
    }

    public DeliveryAttempt(String notificationId, int number, AttemptResult result, Instant nextAttemptAt) {
        this.notificationId = notificationId;
        this.number = number;
        this.startedAt = result.startedAt();
        this.durationMillis = result.duration().toMillis();
        this.httpStatus = result.httpStatus();
        this.error = result.error() == null || result.error().length() <= 1000 ? result.error() : result.error().substring(0, 1000);
        this.outcome = result.outcome();
        this.responseBody = result.responseBody();
        this.nextAttemptAt = nextAttemptAt;
    }

    public Long getId() {
        return id;
    }

    public String getNotificationId() {
        return notificationId;
    }

    public int getNumber() {
        return number;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public long getDurationMillis() {
        return durationMillis;
    }

    public Integer getHttpStatus() {
        return httpStatus;
    }

    public String getError() {
        return error;
    }

    public DeliveryOutcome getOutcome() {
        return outcome;
    }

    public String getResponseBody() {
        return responseBody;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }
}
