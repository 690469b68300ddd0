package dev.changewire.instances.boundary;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.instances.control.ConfigurationKeys;
import dev.changewire.instances.control.ConfigurationRules;
import dev.changewire.instances.control.Element;
import dev.changewire.instances.control.ElementCatalog;
import dev.changewire.instances.control.InstanceProvisioning;
import dev.changewire.instances.entity.ConfigurationKey;
import dev.changewire.platform.control.ApiException;
import dev.changewire.platform.control.JsonText;
import dev.changewire.tenancy.control.Caller;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Element-scoped calls: creating an instance of an element, and the provider's OAuth authorize URL. */
@Path("elements/{key}")
@Produces(MediaType.APPLICATION_JSON)
public class ElementsResource {

    static final String DEFAULT_SCOPE = "contact_data campaign_data offline_access";
    /** The event keys the element's metadata lists, as Cloud Elements listed them. */
    static final List<String> PUBLISHED = List.of(ConfigurationKeys.EVENTS_ENABLED, ConfigurationKeys.EVENTS_CALLBACK,
            ConfigurationKeys.VENDOR_TYPE, ConfigurationKeys.REFRESH_INTERVAL, ConfigurationKeys.POLLER_CONFIGURATION);

    @Inject
    Caller caller;

    @Inject
    InstanceProvisioning provisioning;

    @Inject
    Element element;

    @Inject
    ConfigurationRules rules;

    /**
     * The element's metadata, with each published key's default (the poller configuration that applies
     * when an instance gives none among them): what the console starts a new instance from.
     */
    @GET
    public JsonObject element(@PathParam("key") String key) {
        String name = ElementCatalog.requireKnown(key);
        Map<String, String> defaults = rules.defaults();
        JsonObject pollerDefaults = JsonText.object(defaults.get(ConfigurationKeys.POLLER_CONFIGURATION), "the default poller configuration");
        JsonArrayBuilder configuration = JSON.createArrayBuilder();
        for (String published : PUBLISHED) {
            ConfigurationKey k = ConfigurationKeys.of(published);
            JsonObjectBuilder entry = JSON.createObjectBuilder().add("key", k.name()).add("name", k.displayName()).add("type", k.type());
            if (defaults.containsKey(published)) {
                entry.add("defaultValue", defaults.get(published));
            }
            configuration.add(entry);
        }
        return JSON.createObjectBuilder()
                .add("key", key)
                .add("name", name)
                .add("hub", "marketing")
                .add("active", true)
                .add("authentication", JSON.createObjectBuilder().add("type", "oauth2"))
                .add("resources", JSON.createArrayBuilder(pollerDefaults.keySet()))
                .add("events", JSON.createObjectBuilder()
                        .add("supported", true)
                        .add("methods", JSON.createArrayBuilder().add("polling"))
                        .add("defaultRefreshInterval", defaults.get(ConfigurationKeys.REFRESH_INTERVAL))
                        .add("defaultPollerConfiguration", pollerDefaults))
                .add("configuration", configuration)
                .build();
    }

    @POST
    @Path("instances")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject create(@PathParam("key") String key, JsonObject body) {
        ElementCatalog.requireKnown(key);
        return InstanceJson.of(provisioning.create(caller.organizationId(), caller.userId(), key, body));
    }

    /**
     * The URL to send the account owner to; the provider redirects back to callbackUrl with a code.
     * Cloud Elements also takes {@code apiSecret} here; Changewire neither needs nor reads it, so no
     * client secret has to travel in a URL (the secret comes with the instance's body).
     */
    @GET
    @Path("oauth/url")
    public JsonObject oauthUrl(@PathParam("key") String key, @QueryParam("apiKey") String apiKey,
            @QueryParam("callbackUrl") String callbackUrl,
            @QueryParam("state") String state, @QueryParam("scope") String scope) {
        ElementCatalog.requireKnown(key);
        if (apiKey == null || apiKey.isBlank()) {
            throw ApiException.badRequest("apiKey is required: the Constant Contact app's client id");
        }
        if (callbackUrl == null || callbackUrl.isBlank()) {
            throw ApiException.badRequest("callbackUrl is required: the redirect URI registered with the Constant Contact app");
        }
        requireHttpUrl(callbackUrl.trim());
        StringBuilder url = new StringBuilder(element.authorizeUrl())
                .append("?client_id=").append(encode(apiKey.trim()))
                .append("&redirect_uri=").append(encode(callbackUrl.trim()))
                .append("&response_type=code")
                .append("&scope=").append(encode(scope == null || scope.isBlank() ? DEFAULT_SCOPE : scope.trim()));
        if (state != null && !state.isEmpty()) {
            url.append("&state=").append(encode(state));
        }
        return JSON.createObjectBuilder().add("oauthUrl", url.toString()).add("element", key).build();
    }

    private static void requireHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.isAbsolute() && (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw ApiException.badRequest("callbackUrl must be an absolute http or https URL, got '" + value + "'");
    }

    /** Percent-encoding with %20 for spaces, which every OAuth server decodes the same way. */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
