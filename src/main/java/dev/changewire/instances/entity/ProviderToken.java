package dev.changewire.instances.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * The provider's OAuth tokens of one instance, encrypted (SecretCipher). A row of its own so a
 * token refresh can lock it without touching the instance, and so a refresh's rotation is
 * serialized by {@link #version}. The expiry is kept in clear: it is not a secret, and the refresher
 * selects instances by it.
 */
@Entity
@Table(name = "instance_provider_token")
public class ProviderToken {

    @Id
    @Column(name = "instance_id")
    private Long instanceId;

    @Column(name = "access_token", length = 16384)
    private String accessTokenEncrypted;

    @Column(name = "refresh_token", length = 16384)
    private String refreshTokenEncrypted;

    @Column(name = "access_token_expires_at")
    private Instant accessTokenExpiresAt;

    @Column(length = 1000)
    private String scope;

    @Version
    @Column(nullable = false)
    private long version;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ProviderToken() {
    }

    public ProviderToken(long instanceId) {
        this.instanceId = instanceId;
        this.updatedAt = Instant.now();
    }

    public Long getInstanceId() {
        return instanceId;
    }

    public String getAccessTokenEncrypted() {
        return accessTokenEncrypted;
    }

    public String getRefreshTokenEncrypted() {
        return refreshTokenEncrypted;
    }

    public Instant getAccessTokenExpiresAt() {
        return accessTokenExpiresAt;
    }

    public String getScope() {
        return scope;
    }

    public long getVersion() {
        return version;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void replace(String accessTokenEncrypted, String refreshTokenEncrypted, Instant accessTokenExpiresAt, String scope) {
        this.accessTokenEncrypted = accessTokenEncrypted;
        this.refreshTokenEncrypted = refreshTokenEncrypted;
        this.accessTokenExpiresAt = accessTokenExpiresAt;
        this.scope = scope;
        this.updatedAt = Instant.now();
    }
}
