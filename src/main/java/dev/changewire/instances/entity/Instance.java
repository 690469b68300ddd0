package dev.changewire.instances.entity;

import dev.changewire.tenancy.entity.User;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An element instance: one organization's connection to one provider account. */
@Entity
@Table(name = "element_instance")
@NamedQuery(name = Instance.BY_TOKEN_HASH, query = "SELECT i FROM Instance i WHERE i.tokenHash = :hash")
@NamedQuery(name = Instance.BY_IDS, query = "SELECT i FROM Instance i WHERE i.id IN :ids ORDER BY i.id")
public class Instance {

    public static final String BY_TOKEN_HASH = "Instance.byTokenHash";
    public static final String BY_IDS = "Instance.byIds";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "element_instance_seq")
    @SequenceGenerator(name = "element_instance_seq", sequenceName = "element_instance_seq", allocationSize = 50)
    private Long id;

    @Column(name = "organization_id", nullable = false)
    private Long organizationId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "owner_user_id")
    private User owner;

    @Column(name = "element_key", nullable = false, length = 64)
    private String elementKey;

    @Column(nullable = false)
    private String name;

    @Column(name = "token_encrypted", nullable = false)
    private String tokenEncrypted;

    @Column(name = "token_hash", nullable = false, length = 64)
    private String tokenHash;

    @Column(nullable = false)
    private boolean disabled;

    @Column(nullable = false)
    private boolean valid = true;

    @Column(name = "validation_reason", length = 1000)
    private String validationReason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "instance_tag", joinColumns = @JoinColumn(name = "instance_id"))
    @OrderColumn(name = "tag_order")
    @Column(name = "tag", nullable = false)
    private List<String> tags = new ArrayList<>();

    @OneToMany(mappedBy = "instance", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @OrderBy("id")
    private List<ConfigurationEntry> configuration = new ArrayList<>();

    protected Instance() {
    }

    public Instance(long organizationId, User owner, String elementKey, String name) {
        this.organizationId = organizationId;
        this.owner = owner;
        this.elementKey = elementKey;
        this.name = name;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public Long getOrganizationId() {
        return organizationId;
    }

    public User getOwner() {
        return owner;
    }

    public String getElementKey() {
        return elementKey;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getTokenEncrypted() {
        return tokenEncrypted;
    }

    public String getTokenHash() {
        return tokenHash;
    }

    /** A new instance token: the old one stops working as soon as this commits. */
    public void setToken(String encrypted, String hash) {
        this.tokenEncrypted = encrypted;
        this.tokenHash = hash;
    }

    public boolean isDisabled() {
        return disabled;
    }

    public void setDisabled(boolean disabled) {
        this.disabled = disabled;
    }

    public boolean isValid() {
        return valid;
    }

    public String getValidationReason() {
        return validationReason;
    }

    public void markValid() {
        this.valid = true;
        this.validationReason = null;
    }

    public void markInvalid(String reason) {
        this.valid = false;
        this.validationReason = reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void touch() {
        this.updatedAt = Instant.now();
    }

    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags.clear();
        this.tags.addAll(tags);
    }

    public List<ConfigurationEntry> getConfiguration() {
        return configuration;
    }

    public Optional<ConfigurationEntry> entry(String key) {
        return configuration.stream().filter(e -> e.getKey().equals(key)).findFirst();
    }
}
