package dev.changewire.instances.control;

import static dev.changewire.instances.control.ConfigurationKeys.API_KEY;
import static dev.changewire.instances.control.ConfigurationKeys.API_SECRET;
import static dev.changewire.instances.control.ConfigurationKeys.EVENTS_ENABLED;
import static dev.changewire.instances.control.ConfigurationKeys.OAUTH_CALLBACK;
import static dev.changewire.instances.control.ConfigurationKeys.REFRESH_TOKEN;
import static dev.changewire.instances.control.ConfigurationKeys.VENDOR_TYPE;

import dev.changewire.platform.control.Abbreviation;
import dev.changewire.platform.control.ApiException;
import java.util.List;
import java.util.Map;

/**
 * Checks an instance as it would be saved (name, tags and the keys {@code instances} owns in the whole
 * configuration after merging); each failure is a 400 naming the offending key and why. The keys of
 * polling and notifications are checked by their {@link ConfigurationRule}s ({@link ConfigurationRules}).
 */
public final class InstanceValidator {

    static final int MAX_NAME = 255;
    static final int MAX_TAG = 255;
    static final int MAX_TAGS = 100;
    static final int MAX_KEYS = 200;
    static final int MAX_KEY_LENGTH = 255;
    static final int MAX_SECRET_LENGTH = 65_536;

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
        try {
            ConfigurationValues.httpUrl(OAUTH_CALLBACK, c.get(OAUTH_CALLBACK));
            ConfigurationValues.flag(c, EVENTS_ENABLED);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("configuration." + e.getMessage());
        }
        String vendor = c.get(VENDOR_TYPE);
        if (!blank(vendor) && !vendor.trim().equalsIgnoreCase("polling")) {
            throw ApiException.badRequest("configuration." + VENDOR_TYPE + " must be 'polling': Constant Contact has no change webhooks");
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
