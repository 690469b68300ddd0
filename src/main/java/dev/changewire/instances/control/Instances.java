package dev.changewire.instances.control;

import dev.changewire.instances.entity.OAuthTokens;
import dev.changewire.instances.entity.ConfigurationEntry;
import dev.changewire.instances.entity.ConfigurationItem;
import dev.changewire.instances.entity.Instance;
import dev.changewire.instances.entity.InstanceView;
import dev.changewire.instances.entity.ProviderToken;
import dev.changewire.platform.control.ApiException;
import dev.changewire.platform.control.SecretCipher;
import dev.changewire.platform.control.SecretDigest;
import dev.changewire.platform.control.SecretGenerator;
import dev.changewire.tenancy.entity.User;
import dev.changewire.tenancy.control.OrganizationLimits;
import dev.changewire.tenancy.entity.Organization;
import jakarta.ejb.Stateless;
import jakarta.persistence.LockModeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instances of an organization in the database. Every method is scoped to an organization: an
 * instance of another one does not exist (404). Secrets are encrypted on the way in and masked on
 * the way out; every change fires {@link InstanceChanged} inside its transaction.
 */
@Stateless
public class Instances {

    public static final String ACCESS_TOKEN_KEY = ConfigurationKeys.ACCESS_TOKEN;
    public static final String REFRESH_TOKEN_KEY = ConfigurationKeys.REFRESH_TOKEN;

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretCipher cipher;

    @Inject
    SecretDigest digest;

    @Inject
    SecretGenerator generator;

    @Inject
    Event<InstanceChanged> changes;

    @Inject
    OrganizationLimits limits;

    /** How many instances the organization has. */
    public long count(long organizationId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM element_instance WHERE organization_id = ?")
                .setParameter(1, organizationId).getSingleResult()).longValue();
    }

    @Inject
    Element element;

    /** An instance's editable state in clear, for merging an update before it is validated. */
    public record Current(String elementKey, String name, List<String> tags, Map<String, String> configuration,
            Map<Long, String> keysById) {
    }

    public record Page(List<InstanceView> instances, Long lastId) {
    }

    /** What the element needs to call the provider for an instance: its state and app credentials in clear. */
    public record Connection(long id, long organizationId, boolean disabled, boolean valid, String validationReason,
            String apiKey, String apiSecret) {

        @Override
        public String toString() {
            return "Connection[id=" + id + ", organizationId=" + organizationId + ", disabled=" + disabled + ", valid=" + valid
                    + ", apiKey=" + apiKey + ", apiSecret=****]";
        }
    }

    public InstanceView create(long organizationId, long ownerId, String elementKey, String name, List<String> tags,
            Map<String, String> configuration, OAuthTokens tokens) {
        User owner = em.find(User.class, ownerId);
        if (owner == null || !owner.getOrganization().getId().equals(organizationId)) {
            throw ApiException.unauthorized("The calling user no longer exists");
        }
        // the organization's row is the lock that makes count-then-insert safe between concurrent creations
        em.find(Organization.class, organizationId, LockModeType.PESSIMISTIC_WRITE);
        limits.requireRoomForInstance(count(organizationId));
        Instance instance = new Instance(organizationId, owner, elementKey, name);
        String token = newToken(instance);
        instance.setTags(tags);
        replaceConfiguration(instance, configuration);
        em.persist(instance);
        // the token row references the instance: insert the instance first
        em.flush();
        storeTokens(instance.getId(), tokens);
        changes.fire(new InstanceChanged(instance.getId(), organizationId, InstanceChanged.Kind.CREATED));
        return view(instance, token);
    }

    /** Replaces name, tags and configuration; with new provider tokens also the instance token (the old one is revoked). */
    public InstanceView update(long organizationId, long id, String name, List<String> tags, Map<String, String> configuration,
            OAuthTokens tokens) {
        Instance instance = require(organizationId, id);
        instance.setName(name);
        if (!instance.getTags().equals(tags)) {
            // EclipseLink writes inserts before deletes; clear the old rows first, or a new tag takes an old one's position key
            instance.getTags().clear();
            em.flush();
            instance.getTags().addAll(tags);
        }
        replaceConfiguration(instance, configuration);
        String token;
        if (tokens != null) {
            token = newToken(instance);
            storeTokens(id, tokens);
            instance.markValid();
        } else {
            token = cipher.decrypt(instance.getTokenEncrypted());
        }
        instance.touch();
        changes.fire(new InstanceChanged(id, organizationId, InstanceChanged.Kind.UPDATED));
        return view(instance, token);
    }

    public Current current(long organizationId, long id) {
        Instance instance = require(organizationId, id);
        Map<String, String> configuration = new LinkedHashMap<>();
        Map<Long, String> keysById = new LinkedHashMap<>();
        for (ConfigurationEntry e : instance.getConfiguration()) {
            configuration.put(e.getKey(), clear(e));
            keysById.put(e.getId(), e.getKey());
        }
        return new Current(instance.getElementKey(), instance.getName(), List.copyOf(instance.getTags()), configuration, keysById);
    }

    public InstanceView view(long organizationId, long id) {
        Instance instance = require(organizationId, id);
        return view(instance, cipher.decrypt(instance.getTokenEncrypted()));
    }

    /** A page of the organization's instances with all of the given tags, by id, after {@code afterId}. */
    public Page list(long organizationId, List<String> tags, long afterId, int pageSize) {
        StringBuilder sql = new StringBuilder("SELECT i.id FROM element_instance i WHERE i.organization_id = ? AND i.id > ?");
        List<String> wanted = tags == null ? List.of() : tags.stream().distinct().toList();
        if (!wanted.isEmpty()) {
            sql.append(" AND (SELECT COUNT(DISTINCT t.tag) FROM instance_tag t WHERE t.instance_id = i.id AND t.tag IN (");
            for (int i = 0; i < wanted.size(); i++) {
                sql.append(i == 0 ? "?" : ", ?");
            }
            sql.append(")) = ?");
        }
        sql.append(" ORDER BY i.id");
        Query query = em.createNativeQuery(sql.toString());
        int p = 1;
        query.setParameter(p++, organizationId);
        query.setParameter(p++, afterId);
        for (String tag : wanted) {
            query.setParameter(p++, tag);
        }
        if (!wanted.isEmpty()) {
            query.setParameter(p, wanted.size());
        }
        query.setMaxResults(pageSize + 1);
        List<Long> ids = new ArrayList<>();
        for (Object row : query.getResultList()) {
            ids.add(((Number) row).longValue());
        }
        boolean more = ids.size() > pageSize;
        if (more) {
            ids = ids.subList(0, pageSize);
        }
        List<InstanceView> views = ids.isEmpty() ? List.of() : em.createNamedQuery(Instance.BY_IDS, Instance.class)
                .setParameter("ids", ids).getResultList().stream().map(i -> view(i, null)).toList();
        return new Page(views, more ? ids.get(ids.size() - 1) : null);
    }

    public void delete(long organizationId, long id) {
        Instance instance = require(organizationId, id);
        em.createQuery("DELETE FROM ProviderToken t WHERE t.instanceId = :id").setParameter("id", id).executeUpdate();
        em.remove(instance);
        em.flush();
        changes.fire(new InstanceChanged(id, organizationId, InstanceChanged.Kind.DELETED));
    }

    public InstanceView setDisabled(long organizationId, long id, boolean disabled) {
        Instance instance = require(organizationId, id);
        instance.setDisabled(disabled);
        instance.touch();
        changes.fire(new InstanceChanged(id, organizationId, disabled ? InstanceChanged.Kind.DISABLED : InstanceChanged.Kind.ENABLED));
        return view(instance, cipher.decrypt(instance.getTokenEncrypted()));
    }

    public List<ConfigurationItem> configuration(long organizationId, long id) {
        return require(organizationId, id).getConfiguration().stream().map(this::item).toList();
    }

    public ConfigurationItem configurationEntry(long organizationId, long id, long configId) {
        return require(organizationId, id).getConfiguration().stream()
                .filter(e -> e.getId() == configId).findFirst().map(this::item)
                .orElseThrow(() -> ApiException.notFound("Configuration " + configId + " of element instance " + id + " does not exist"));
    }

    /**
     * The instance a hub call's Element token names.
     *
     * @throws ApiException 401 unless it is one of the organization's instances, 403 when it is disabled
     */
    public long usableByToken(String token, long organizationId) {
        Instance instance = findByToken(token)
                .filter(i -> i.getOrganizationId() == organizationId)
                .orElseThrow(() -> ApiException.unauthorized("The Element token is not the token of an element instance of this organization"));
        if (instance.isDisabled()) {
            throw ApiException.forbidden("Element instance " + instance.getId() + " is disabled; enable it with PUT /instances/"
                    + instance.getId() + "/enabled");
        }
        return instance.getId();
    }

    /** The instance whose token this is (hub calls); the caller checks its organization and whether it is disabled. */
    public Optional<Instance> findByToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return em.createNamedQuery(Instance.BY_TOKEN_HASH, Instance.class)
                .setParameter("hash", digest.digest(token))
                .getResultStream().findFirst();
    }

    /** The organization's instances with their app credentials, for the element's view of its API keys (bounded by the organization's instance limit). */
    public List<Connection> connectionsOf(long organizationId) {
        List<Connection> connections = new ArrayList<>();
        for (Object row : em.createNativeQuery("SELECT i.id FROM element_instance i WHERE i.organization_id = ? ORDER BY i.id")
                .setParameter(1, organizationId).getResultList()) {
            connection(((Number) row).longValue()).ifPresent(connections::add);
        }
        return connections;
    }

    /** Any organization's instance, for the element's calls (the hub checked the caller; the poller owns the instance). */
    public Optional<Connection> connection(long instanceId) {
        Instance instance = em.find(Instance.class, instanceId);
        if (instance == null) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        instance.getConfiguration().forEach(e -> values.put(e.getKey(), clear(e)));
        return Optional.of(new Connection(instance.getId(), instance.getOrganizationId(), instance.isDisabled(), instance.isValid(),
                instance.getValidationReason(), values.get(ConfigurationKeys.API_KEY), values.get(ConfigurationKeys.API_SECRET)));
    }

    /**
     * The provider refused the instance's credentials for good (invalid_grant): it stays invalid, with the
     * reason shown, until it is re-provisioned (which marks it valid again). Fires {@link InstanceChanged}
     * so its polling pauses.
     */
    public void invalidate(long instanceId, String reason) {
        Instance instance = em.find(Instance.class, instanceId);
        if (instance == null) {
            return;
        }
        instance.markInvalid(reason);
        instance.touch();
        changes.fire(new InstanceChanged(instanceId, instance.getOrganizationId(), InstanceChanged.Kind.UPDATED));
    }

    private Instance require(long organizationId, long id) {
        Instance instance = em.find(Instance.class, id);
        if (instance == null || instance.getOrganizationId() != organizationId) {
            throw ApiException.notFound("Element instance " + id + " does not exist");
        }
        return instance;
    }

    private String newToken(Instance instance) {
        String token = generator.newSecret();
        instance.setToken(cipher.encrypt(token), digest.digest(token));
        return token;
    }

    private void storeTokens(long instanceId, OAuthTokens tokens) {
        ProviderToken row = em.find(ProviderToken.class, instanceId);
        if (row == null) {
            row = new ProviderToken(instanceId);
            em.persist(row);
        }
        row.replace(cipher.encrypt(tokens.accessToken()), cipher.encrypt(tokens.refreshToken()), tokens.expiresAt(), tokens.scope());
    }

    /** Keeps the entry (and its id) of every key that stays, so configuration ids are stable across updates. */
    private void replaceConfiguration(Instance instance, Map<String, String> configuration) {
        instance.getConfiguration().removeIf(e -> !configuration.containsKey(e.getKey()));
        configuration.forEach((key, value) -> {
            String stored = SecretKeys.isSecret(key) ? cipher.encrypt(value) : value;
            Optional<ConfigurationEntry> existing = instance.entry(key);
            if (existing.isPresent()) {
                if (!value.equals(clear(existing.get()))) {
                    existing.get().setStoredValue(stored);
                }
            } else {
                instance.getConfiguration().add(new ConfigurationEntry(instance, key, stored));
            }
        });
    }

    /**
     * Encrypts the values of {@link SecretKeys#FORMERLY_CLEAR} keys that an older version stored in
     * clear (an encrypted value carries the cipher's prefix, a clear JSON object never does); answers how many.
     */
    public int encryptFormerlyClearSecrets() {
        List<ConfigurationEntry> entries = em.createQuery(
                "SELECT e FROM ConfigurationEntry e WHERE e.key IN :keys AND e.storedValue NOT LIKE 'v1:%'", ConfigurationEntry.class)
                .setParameter("keys", SecretKeys.FORMERLY_CLEAR)
                .getResultList();
        entries.forEach(e -> e.setStoredValue(cipher.encrypt(e.getStoredValue())));
        return entries.size();
    }

    private String clear(ConfigurationEntry e) {
        return SecretKeys.isSecret(e.getKey()) ? cipher.decrypt(e.getStoredValue()) : e.getStoredValue();
    }

    private ConfigurationItem item(ConfigurationEntry e) {
        return new ConfigurationItem(e.getId(), e.getKey(), SecretKeys.display(e.getKey(), e.getStoredValue()));
    }

    private InstanceView view(Instance instance, String token) {
        Map<String, String> configuration = new LinkedHashMap<>();
        Map<String, String> clearValues = new LinkedHashMap<>();
        for (ConfigurationEntry e : instance.getConfiguration()) {
            configuration.put(e.getKey(), SecretKeys.display(e.getKey(), e.getStoredValue()));
            if (!SecretKeys.isSecret(e.getKey())) {
                clearValues.put(e.getKey(), e.getStoredValue());
            }
        }
        ProviderToken tokens = em.find(ProviderToken.class, instance.getId());
        if (tokens != null && tokens.getAccessTokenEncrypted() != null) {
            configuration.put(ACCESS_TOKEN_KEY, SecretKeys.MASK);
        }
        if (tokens != null && tokens.getRefreshTokenEncrypted() != null) {
            configuration.put(REFRESH_TOKEN_KEY, SecretKeys.MASK);
        }
        boolean eventsEnabled;
        try {
            eventsEnabled = ConfigurationValues.flag(clearValues, ConfigurationKeys.EVENTS_ENABLED);
        } catch (IllegalArgumentException e) {
            eventsEnabled = false;
        }
        String apiSecret = instance.entry(ConfigurationKeys.API_SECRET).map(this::clear).orElse(null);
        Instant quotaPausedUntil = element.quotaPausedUntil(clearValues.get(ConfigurationKeys.API_KEY), apiSecret).orElse(null);
        User owner = instance.getOwner();
        return new InstanceView(instance.getId(), instance.getName(), token, instance.getElementKey(), List.copyOf(instance.getTags()),
                configuration, eventsEnabled, clearValues.get(ConfigurationKeys.EVENTS_CALLBACK), instance.isDisabled(),
                instance.isValid(), instance.getValidationReason(), quotaPausedUntil, instance.getCreatedAt(), instance.getUpdatedAt(),
                new InstanceView.Owner(owner.getId(), owner.getEmailAddress(), owner.getFirstName(), owner.getLastName()));
    }
}
