package dev.changewire.elements.constantcontact.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An API key's own limits, set by a bootstrap admin (a partner key's, say); keys without one have the
 * configured defaults. Named by the client id alone: it sets limits, it spends nothing, so whoever
 * types the id with a wrong secret gains nothing by it (the budget itself is counted per id and secret).
 */
@Entity
@Table(name = "api_key_budget")
public class ApiKeyBudget {

    @Id
    @Column(name = "client_id", length = 255)
    private String clientId;

    @Column(name = "requests_per_day", nullable = false)
    private int requestsPerDay;

    @Column(name = "requests_per_second", nullable = false)
    private int requestsPerSecond;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by")
    private Long updatedBy;

    protected ApiKeyBudget() {
    }

    public ApiKeyBudget(String clientId) {
        this.clientId = clientId;
    }

    public void set(int requestsPerDay, int requestsPerSecond, Instant at, long by) {
        this.requestsPerDay = requestsPerDay;
        this.requestsPerSecond = requestsPerSecond;
        this.updatedAt = at;
        this.updatedBy = by;
    }

    public String getClientId() {
        return clientId;
    }

    public int getRequestsPerDay() {
        return requestsPerDay;
    }

    public int getRequestsPerSecond() {
        return requestsPerSecond;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Long getUpdatedBy() {
        return updatedBy;
    }
}
