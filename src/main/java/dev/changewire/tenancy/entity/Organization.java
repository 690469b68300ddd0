package dev.changewire.tenancy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "organization")
@NamedQuery(name = Organization.BY_SECRET_HASH, query = "SELECT o FROM Organization o WHERE o.secretHash = :hash")
@NamedQuery(name = Organization.COUNT, query = "SELECT COUNT(o) FROM Organization o")
public class Organization {

    public static final String BY_SECRET_HASH = "Organization.bySecretHash";
    public static final String COUNT = "Organization.count";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "organization_seq")
    @SequenceGenerator(name = "organization_seq", sequenceName = "organization_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;

    /** The organization created at first start; its admins may create other organizations. */
    @Column(nullable = false)
    private boolean bootstrap;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Organization() {
    }

    public Organization(String name, String secretHash, boolean bootstrap) {
        this.name = name;
        this.secretHash = secretHash;
        this.bootstrap = bootstrap;
        this.createdAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getSecretHash() {
        return secretHash;
    }

    public boolean isBootstrap() {
        return bootstrap;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
