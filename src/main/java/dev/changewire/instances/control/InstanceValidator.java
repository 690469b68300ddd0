package dev.changewire.instances.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.notifications.control.CallbackAddressGuard;
import dev.changewire.notifications.control.CallbackRequestBuilder;
import dev.changewire.notifications.control.CallbackSigner;
import dev.changewire.notifications.control.StandardWebhooksSigner;
import dev.changewire.notifications.entity.CallbackAddressVerdict;
import dev.changewire.notifications.entity.NotificationFormat;
import dev.changewire.platform.control.Abbreviation;
import dev.changewire.platform.control.ApiException;
import dev.changewire.platform.control.BoundedDecimal;
import dev.changewire.platform.control.JsonText;
import dev.changewire.polling.entity.PollerConfiguration;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks an instance as it would be saved (name, tags and the whole configuration after merging);
 * each failure is a 400 naming the offending key and why.
 */
public final class InstanceValidator {

    static final int MAX_NAME = 255;
    static final int MAX_TAG = 255;
    static final int MAX_TAGS = 100;
    static final int MAX_KEYS = 200;
    static final int MAX_KEY_LENGTH = 255;
    static final int MAX_SECRET_LENGTH = 65_536;
    static final Duration MAX_INTERVAL = Duration.ofDays(366);

    public static final String API_KEY = "oauth.api.key";
    public static final String API_SECRET = "oauth.api.secret";
    public static final String OAUTH_CALLBACK = "oauth.callback.url";
    public static final String REFRESH_TOKEN = "oauth.user.refresh_token";
    public static final String EVENTS_ENABLED = "event.notification.enabled";
    public static final String EVENTS_CALLBACK = "event.notification.callback.url";
    public static final String CALLBACK_HEADERS = "event.notification.callback.headers";
    public static final String REFRESH_INTERVAL = "event.poller.refresh_interval";
    public static final String VENDOR_TYPE = "event.vendor.type";
    public static final String WEBHOOK_SECRET = "event.notification.webhook.secret";

    /** How the saved instance gets its provider tokens. */
    public enum Authentication {
        /** an OAuth authorization code to exchange now */
        CODE,
        /** {@code externalAuthentication: initial}: a refresh token in the configuration */
        EXTERNAL_REFRESH_TOKEN,
        /** keeps the tokens it already has */
        EXISTING
    }

    private InstanceValidator() {
    }

    public static void validate(String name, List<String> tags, Map<String, String> configuration, Authentication authentication) {
        validateName(name);
        validateTags(tags);
        validateConfiguration(configuration, authentication);
    }

    static void validateName(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("name is required");
        }
        if (name.length() > MAX_NAME) {
            throw ApiException.badRequest("name is longer than " + MAX_NAME + " characters");
        }
    }

    static void validateTags(List<String> tags) {
        if (tags == null) {
            return;
        }
        if (tags.size() > MAX_TAGS) {
            throw ApiException.badRequest("tags has " + tags.size() + " entries; at most " + MAX_TAGS + " are allowed");
        }
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (tag == null || tag.isBlank()) {
                throw ApiException.badRequest("tags[" + i + "] is empty");
            }
            if (tag.length() > MAX_TAG) {
                throw ApiException.badRequest("tags[" + i + "] is longer than " + MAX_TAG + " characters");
            }
        }
    }

    static void validateConfiguration(Map<String, String> c, Authentication authentication) {
        if (c.size() > MAX_KEYS) {
            throw ApiException.badRequest("configuration has " + c.size() + " keys; at most " + MAX_KEYS + " are allowed");
        }
        c.forEach((key, value) -> {
            if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
                throw ApiException.badRequest("configuration key '" + abbreviate(key) + "' must be 1 to " + MAX_KEY_LENGTH + " characters");
            }
            if (value != null && SecretKeys.isSecret(key) && value.length() > MAX_SECRET_LENGTH) {
                throw ApiException.badRequest("configuration." + key + " is longer than " + MAX_SECRET_LENGTH + " characters");
            }
        });
        // the client credentials are needed for every later token refresh, not only for the first exchange
        require(c, API_KEY, "it is the Constant Contact app's client id");
        require(c, API_SECRET, "it is the Constant Contact app's client secret");
        if (authentication == Authentication.CODE) {
            require(c, OAUTH_CALLBACK, "the authorization code is redeemed with the redirect URI it was issued for");
        }
        if (authentication == Authentication.EXTERNAL_REFRESH_TOKEN) {
            require(c, REFRESH_TOKEN, "externalAuthentication 'initial' provisions the instance from it");
        }
        checkUrl(c, OAUTH_CALLBACK);
        checkUrl(c, EVENTS_CALLBACK);
        boolean eventsEnabled = booleanValue(c, EVENTS_ENABLED);
        if (eventsEnabled && blank(c.get(EVENTS_CALLBACK))) {
            throw ApiException.badRequest("configuration." + EVENTS_CALLBACK + " is required when " + EVENTS_ENABLED + " is true");
        }
        if (!blank(c.get(REFRESH_INTERVAL))) {
            refreshInterval(c.get(REFRESH_INTERVAL));
        }
        if (!blank(c.get(PollerConfiguration.KEY))) {
            checkPollerConfiguration(c.get(PollerConfiguration.KEY));
        }
        try {
            dev.changewire.polling.entity.Classification.parse(c.get(dev.changewire.polling.entity.Classification.KEY));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("configuration." + e.getMessage());
        }
        String vendor = c.get(VENDOR_TYPE);
        if (!blank(vendor) && !vendor.trim().equalsIgnoreCase("polling")) {
            throw ApiException.badRequest("configuration." + VENDOR_TYPE + " must be 'polling': Constant Contact has no change webhooks");
        }
        if (!blank(c.get(CALLBACK_HEADERS))) {
            checkHeaders(c.get(CALLBACK_HEADERS));
        }
        try {
            NotificationFormat.of(c);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("configuration." + e.getMessage());
        }
        checkCallbackSettings(c);
    }

    /** The webhook secret's form, and the callback settings as the sender will read them (headers, Basic auth). */
    static void checkCallbackSettings(Map<String, String> c) {
        String secret = c.get(WEBHOOK_SECRET);
        try {
            if (!blank(secret)) {
                new StandardWebhooksSigner().validate(secret.trim());
            }
            if (!blank(c.get(EVENTS_CALLBACK))) {
                new CallbackRequestBuilder(new CallbackSigner(), new StandardWebhooksSigner()).settings(c, List.of());
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("configuration." + e.getMessage());
        }
    }

    /**
     * The SSRF guard: a callback URL whose host resolves to a loopback, private, link-local, metadata
     * (...) address is refused (a host that does not resolve yet is accepted: DNS may follow).
     */
    public static void checkCallbackAddress(Map<String, String> c, CallbackAddressGuard guard) {
        String url = c.get(EVENTS_CALLBACK);
        if (blank(url)) {
            return;
        }
        CallbackAddressVerdict verdict = guard.check(url.trim());
        if (verdict instanceof CallbackAddressVerdict.Refused || verdict instanceof CallbackAddressVerdict.Invalid) {
            throw ApiException.badRequest("configuration." + verdict.message());
        }
    }

    /** {@code event.poller.refresh_interval}: minutes (decimals allowed) or an ISO-8601 duration such as PT30S. */
    public static Duration refreshInterval(String text) {
        String value = text.trim();
        Duration interval;
        try {
            if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
                interval = Duration.parse(value);
            } else {
                // range-checked before conversion: a huge exponent would cost seconds and gigabytes in longValue
                BigDecimal minutes = BoundedDecimal.parse(value).orElseThrow(NumberFormatException::new);
                if (minutes.compareTo(BigDecimal.valueOf(MAX_INTERVAL.toMinutes())) > 0) {
                    interval = MAX_INTERVAL.plusSeconds(1);
                } else {
                    interval = Duration.ofMillis(minutes.multiply(BigDecimal.valueOf(60_000)).longValue());
                }
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw ApiException.badRequest("configuration." + REFRESH_INTERVAL + " '" + abbreviate(text)
                    + "' is not a number of minutes nor an ISO-8601 duration such as PT30S");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw ApiException.badRequest("configuration." + REFRESH_INTERVAL + " must be a positive number of minutes, got '" + abbreviate(text) + "'");
        }
        if (interval.compareTo(MAX_INTERVAL) > 0) {
            throw ApiException.badRequest("configuration." + REFRESH_INTERVAL + " must be at most " + MAX_INTERVAL.toDays() + " days");
        }
        return interval;
    }

    /** Refuses a refresh interval below the operator's minimum ({@code changewire.poller.minimum-interval}) with a 400 naming it. */
    public static void requireMinimumInterval(Map<String, String> c, Duration minimum) {
        String text = c.get(REFRESH_INTERVAL);
        if (blank(text)) {
            return;
        }
        Duration interval = refreshInterval(text);
        if (interval.compareTo(minimum) < 0) {
            throw ApiException.badRequest("configuration." + REFRESH_INTERVAL + " is "
                    + dev.changewire.polling.control.RefreshInterval.describe(interval) + "; the minimum is "
                    + dev.changewire.polling.control.RefreshInterval.describe(minimum)
                    + " (" + dev.changewire.polling.control.RefreshInterval.MINIMUM_KEY + ")");
        }
    }

    /** Case-insensitive true/false; absent or empty is false. */
    public static boolean booleanValue(Map<String, String> c, String key) {
        String value = c.get(key);
        if (blank(value)) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("configuration." + key + " must be true or false, got '" + abbreviate(value) + "'");
        };
    }

    static void checkUrl(Map<String, String> c, String key) {
        String value = c.get(key);
        if (blank(value)) {
            return;
        }
        String problem = null;
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                problem = "must be an absolute http or https URL";
            }
        } catch (URISyntaxException e) {
            problem = "is not a URL (" + e.getReason() + ")";
        }
        if (problem != null) {
            throw ApiException.badRequest("configuration." + key + " " + problem + ", got '" + abbreviate(value) + "'");
        }
    }

    /** The stored text is the object, or (sent as a string of a string) a JSON string holding it; parsed with the body's limits. */
    static void checkPollerConfiguration(String text) {
        jakarta.json.JsonValue value = JsonText.value(text, "configuration." + PollerConfiguration.KEY);
        try {
            PollerConfiguration.parse(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("configuration." + e.getMessage());
        }
    }

    static void checkHeaders(String text) {
        String what = "configuration." + CALLBACK_HEADERS;
        jakarta.json.JsonValue value = JsonText.value(text, what);
        boolean ok = value.getValueType() == jakarta.json.JsonValue.ValueType.OBJECT
                && value.asJsonObject().values().stream().allMatch(v -> v.getValueType() == jakarta.json.JsonValue.ValueType.STRING);
        if (!ok) {
            throw ApiException.badRequest(what + " must be a JSON object of header name to string value");
        }
    }

    private static void require(Map<String, String> c, String key, String why) {
        if (blank(c.get(key))) {
            throw ApiException.badRequest("configuration." + key + " is required: " + why);
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String abbreviate(String s) {
        return Abbreviation.of(s);
    }
}
