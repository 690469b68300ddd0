package dev.changewire.tenancy.control;

import java.util.Locale;
import java.util.Optional;

/**
 * Cloud Elements' {@code Authorization: User <secret>, Organization <secret>[, Element <token>]}.
 * Parts may come in any order and their names in any case; each may appear once. The user and the
 * organization secret are both required on every call, as in Cloud Elements: the element token only
 * names the instance of a hub call, it never stands in for the organization secret.
 */
public record AuthorizationHeader(String userSecret, String organizationSecret, String elementToken) {

    /** Longest header we look at; real ones are under 200 characters. */
    static final int MAX_LENGTH = 4096;

    public static Optional<AuthorizationHeader> parse(String header) {
        if (header == null || header.isBlank() || header.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String user = null;
        String organization = null;
        String element = null;
        for (String part : header.split(",")) {
            String trimmed = part.trim();
            int space = trimmed.indexOf(' ');
            if (space <= 0) {
                return Optional.empty();
            }
            String name = trimmed.substring(0, space).toLowerCase(Locale.ROOT);
            String value = trimmed.substring(space + 1).trim();
            if (value.isEmpty() || value.contains(" ")) {
                return Optional.empty();
            }
            switch (name) {
                case "user" -> {
                    if (user != null) {
                        return Optional.empty();
                    }
                    user = value;
                }
                case "organization" -> {
                    if (organization != null) {
                        return Optional.empty();
                    }
                    organization = value;
                }
                case "element" -> {
                    if (element != null) {
                        return Optional.empty();
                    }
                    element = value;
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (user == null || organization == null) {
            return Optional.empty();
        }
        return Optional.of(new AuthorizationHeader(user, organization, element));
    }
}
