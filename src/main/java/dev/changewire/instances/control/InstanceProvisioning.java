package dev.changewire.instances.control;

import dev.changewire.instances.entity.OAuthTokens;
import dev.changewire.instances.control.InstanceValidator.Authentication;
import dev.changewire.instances.entity.InstanceView;
import dev.changewire.platform.control.ApiException;
import dev.changewire.tenancy.control.OrganizationLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Creates and changes instances: parse, merge with what is stored, validate the result, exchange an
 * authorization code (outside any database transaction: it is a network call), then save.
 */
@ApplicationScoped
public class InstanceProvisioning {

    @Inject
    Instances instances;

    @Inject
    Element element;

    @Inject
    ConfigurationRules rules;

    @Inject
    OrganizationLimits limits;

    public InstanceView create(long organizationId, long userId, String pathElementKey, JsonObject body) {
        InstanceDraft draft = InstanceBody.parse(body);
        String elementKey = elementKey(pathElementKey, draft.elementKey());
        Map<String, String> configuration = new LinkedHashMap<>();
        if (draft.configuration() != null) {
            draft.configuration().forEach((key, value) -> {
                if (value != null) {
                    if (SecretKeys.MASK.equals(value) && SecretKeys.isSecret(key)) {
                        throw ApiException.badRequest("configuration." + key + " is the mask " + SecretKeys.MASK + "; send the real value");
                    }
                    configuration.put(key, value);
                }
            });
        }
        // every instance gets a Standard Webhooks secret (notifications' rule); the creation's answer is the only one that shows it
        rules.complete(configuration);
        Authentication authentication = authentication(draft, configuration, false);
        InstanceValidator.validate(draft.name(), draft.tags(), configuration, authentication);
        rules.check(configuration);
        limits.requireConfigurationSize(configuration);
        // before the code exchange spends the code; Instances.create checks again under the organization's lock
        limits.requireRoomForInstance(instances.count(organizationId));
        OAuthTokens tokens = tokens(draft, configuration, authentication);
        InstanceView created = instances.create(organizationId, userId, elementKey, draft.name().trim(),
                draft.tags() == null ? List.of() : draft.tags(), withoutTokens(configuration), tokens);
        return showing(created, ConfigurationKeys.WEBHOOK_SECRET, configuration.get(ConfigurationKeys.WEBHOOK_SECRET));
    }

    /** The view with one secret in clear. */
    static InstanceView showing(InstanceView view, String key, String value) {
        Map<String, String> configuration = new LinkedHashMap<>(view.configuration());
        configuration.put(key, value);
        return new InstanceView(view.id(), view.name(), view.token(), view.elementKey(), view.tags(), configuration,
                view.eventsEnabled(), view.eventsNotificationCallbackUrl(), view.disabled(), view.valid(), view.validationReason(), view.quotaPausedUntil(),
                view.createdDate(), view.updatedDate(), view.owner());
    }

    /** The webhook secret is replaced by rotation or by a new value, never dropped by an update that leaves it out. */
    static void keepWebhookSecret(Map<String, String> configuration, Instances.Current current) {
        String stored = current.configuration().get(ConfigurationKeys.WEBHOOK_SECRET);
        String given = configuration.get(ConfigurationKeys.WEBHOOK_SECRET);
        if (stored != null && (given == null || given.isBlank())) {
            configuration.put(ConfigurationKeys.WEBHOOK_SECRET, stored);
        }
    }

    /** PUT: the body is the whole instance; secrets sent back as the mask keep their stored value. */
    public InstanceView replace(long organizationId, long id, JsonObject body) {
        Instances.Current current = instances.current(organizationId, id);
        InstanceDraft draft = InstanceBody.parse(body);
        requireSameElement(current, draft);
        Map<String, String> configuration = new LinkedHashMap<>();
        if (draft.configuration() != null) {
            draft.configuration().forEach((key, value) -> {
                String kept = value == null ? null : unmask(key, value, current);
                if (kept != null) {
                    configuration.put(key, kept);
                }
            });
        }
        keepWebhookSecret(configuration, current);
        return save(organizationId, id, current, draft, draft.name(), draft.tags() == null ? List.of() : draft.tags(), configuration);
    }

    /** PATCH: only what is given changes; tags given replace the old ones; configuration keys merge (null removes one). */
    public InstanceView patch(long organizationId, long id, JsonObject body) {
        Instances.Current current = instances.current(organizationId, id);
        InstanceDraft draft = InstanceBody.parse(body);
        requireSameElement(current, draft);
        Map<String, String> configuration = new LinkedHashMap<>(current.configuration());
        if (draft.configuration() != null) {
            draft.configuration().forEach((key, value) -> {
                String kept = value == null ? null : unmask(key, value, current);
                if (kept == null) {
                    configuration.remove(key);
                } else {
                    configuration.put(key, kept);
                }
            });
        }
        keepWebhookSecret(configuration, current);
        String name = draft.name() != null ? draft.name() : current.name();
        List<String> tags = draft.tags() != null ? draft.tags() : current.tags();
        return save(organizationId, id, current, draft, name, tags, configuration);
    }

    /** PATCH /instances/{id}/configuration/{configId} {"propertyValue": ...}. */
    public void patchEntry(long organizationId, long id, long configId, JsonObject body) {
        if (body == null) {
            throw ApiException.badRequest("A JSON object body is required");
        }
        Instances.Current current = instances.current(organizationId, id);
        String key = current.keysById().get(configId);
        if (key == null) {
            throw ApiException.notFound("Configuration " + configId + " of element instance " + id + " does not exist");
        }
        if (!body.containsKey("propertyValue") || body.get("propertyValue").getValueType() == JsonValue.ValueType.NULL) {
            throw ApiException.badRequest("propertyValue is required");
        }
        Map<String, String> configuration = new LinkedHashMap<>(current.configuration());
        configuration.put(key, unmask(key, ConfigurationValues.coerce(key, body.get("propertyValue")), current));
        InstanceDraft unchanged = new InstanceDraft(null, current.name(), current.tags(), null, null, null);
        save(organizationId, id, current, unchanged, current.name(), current.tags(), configuration);
    }

    private InstanceView save(long organizationId, long id, Instances.Current current, InstanceDraft draft, String name, List<String> tags,
            Map<String, String> configuration) {
        Authentication authentication = authentication(draft, configuration, true);
        requireProvenCredentials(configuration, current, authentication);
        InstanceValidator.validate(name, tags, configuration, authentication);
        rules.check(configuration);
        limits.requireConfigurationSize(configuration);
        OAuthTokens tokens = authentication == Authentication.EXISTING ? null : tokens(draft, configuration, authentication);
        return instances.update(organizationId, id, name.trim(), new ArrayList<>(tags), withoutTokens(configuration), tokens);
    }

    /**
     * A code is exchanged; a refresh token given in the configuration (with or without
     * externalAuthentication) provisions from it; an existing instance otherwise keeps its tokens.
     */
    static Authentication authentication(InstanceDraft draft, Map<String, String> configuration, boolean existing) {
        if (draft.hasCode()) {
            return Authentication.CODE;
        }
        if (draft.isExternalAuthentication() || configuration.containsKey(Instances.REFRESH_TOKEN_KEY)) {
            return Authentication.EXTERNAL_REFRESH_TOKEN;
        }
        if (existing) {
            return Authentication.EXISTING;
        }
        throw ApiException.badRequest("providerData.code is required (or externalAuthentication 'initial' with configuration."
                + Instances.REFRESH_TOKEN_KEY + ")");
    }

    private OAuthTokens tokens(InstanceDraft draft, Map<String, String> configuration, Authentication authentication) {
        if (authentication == Authentication.CODE) {
            return element.exchangeCode(configuration.get(ConfigurationKeys.API_KEY), configuration.get(ConfigurationKeys.API_SECRET),
                    draft.code().trim(), configuration.get(ConfigurationKeys.OAUTH_CALLBACK).trim());
        }
        // externalAuthentication proves the client id and secret now, as the code exchange does: an
        // unproven client id would otherwise be spent (and its quota paused) by whoever typed it in
        return element.redeemRefreshToken(configuration.get(ConfigurationKeys.API_KEY), configuration.get(ConfigurationKeys.API_SECRET),
                configuration.get(Instances.REFRESH_TOKEN_KEY).trim());
    }

    /**
     * New client credentials are proven like the first ones: a change of {@code oauth.api.key} or
     * {@code oauth.api.secret} comes with a new authorization.
     */
    static void requireProvenCredentials(Map<String, String> configuration, Instances.Current current, Authentication authentication) {
        if (authentication != Authentication.EXISTING) {
            return;
        }
        for (String key : List.of(ConfigurationKeys.API_KEY, ConfigurationKeys.API_SECRET)) {
            if (!Objects.equals(configuration.get(key), current.configuration().get(key))) {
                throw ApiException.badRequest("configuration." + key + " changes only with a new authorization (providerData.code, or "
                        + "externalAuthentication 'initial' with configuration." + Instances.REFRESH_TOKEN_KEY
                        + "): Constant Contact must accept the client id and secret");
            }
        }
    }

    /** The provider tokens live in their own row, never among the configuration entries. */
    static Map<String, String> withoutTokens(Map<String, String> configuration) {
        Map<String, String> copy = new LinkedHashMap<>(configuration);
        copy.remove(Instances.ACCESS_TOKEN_KEY);
        copy.remove(Instances.REFRESH_TOKEN_KEY);
        return copy;
    }

    /** A secret sent back as the mask means "keep what is stored". */
    static String unmask(String key, String value, Instances.Current current) {
        if (!SecretKeys.MASK.equals(value) || !SecretKeys.isSecret(key)) {
            return value;
        }
        String stored = current.configuration().get(key);
        if (stored != null) {
            return stored;
        }
        if (key.equals(Instances.ACCESS_TOKEN_KEY) || key.equals(Instances.REFRESH_TOKEN_KEY)) {
            return null;
        }
        throw ApiException.badRequest("configuration." + key + " is the mask " + SecretKeys.MASK + " but no value is stored; send the real value");
    }

    private static String elementKey(String pathKey, String bodyKey) {
        if (pathKey != null) {
            ElementCatalog.requireKnown(pathKey);
            if (bodyKey != null && !bodyKey.equals(pathKey)) {
                throw ApiException.badRequest("element.key '" + bodyKey + "' does not match the element in the path, '" + pathKey + "'");
            }
            return pathKey;
        }
        if (bodyKey == null || bodyKey.isBlank()) {
            throw ApiException.badRequest("element.key is required, e.g. {\"element\":{\"key\":\"constantcontact\"}}");
        }
        return bodyKey;
    }

    private static void requireSameElement(Instances.Current current, InstanceDraft draft) {
        if (draft.elementKey() != null && !draft.elementKey().equals(current.elementKey())) {
            throw ApiException.badRequest("element.key cannot change from '" + current.elementKey() + "' to '" + draft.elementKey() + "'");
        }
    }
}
