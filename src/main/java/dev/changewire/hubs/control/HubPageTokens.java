package dev.changewire.hubs.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.platform.control.ApiException;
import dev.changewire.platform.control.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hub's {@code Elements-Next-Page-Token}: where the next page starts at the provider (its cursor
 * link, or none for its first page, and how many raw records of that provider page were already
 * served), sealed with AES-GCM (SecretCipher) so it can be neither read nor forged, bound to the
 * instance, the resource and the query ({@code where} and {@code orderBy}), URL-safe.
 */
@ApplicationScoped
public class HubPageTokens {

    static final String FORMAT = "hub1";

    /** A position in the provider's listing: {@code href} null is its first page (fetched {@code limit} at a time). */
    public record Position(String href, int skip, int limit) {
    }

    @Inject
    SecretCipher cipher;

    public HubPageTokens() {
    }

    public HubPageTokens(SecretCipher cipher) {
        this.cipher = cipher;
    }

    public String issue(long instanceId, String resource, String where, String orderBy, Position position) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("f", FORMAT)
                .add("i", instanceId)
                .add("q", queryHash(resource, where, orderBy))
                .add("s", position.skip())
                .add("l", position.limit());
        if (position.href() != null) {
            json.add("c", position.href());
        }
        return cipher.sealForUrl(json.build().toString());
    }

    /** The position a token names; a 400 for a token of another instance or query, or one that was not issued here. */
    public Position read(long instanceId, String resource, String where, String orderBy, String token) {
        JsonObject json;
        try {
            try (var reader = JSON.createReader(new StringReader(cipher.openFromUrl(token)))) {
                json = reader.readObject();
            }
        } catch (RuntimeException e) {
            throw ApiException.badRequest("nextPage is not a page token issued by this hub");
        }
        if (!(json.get("f") instanceof JsonString f) || !FORMAT.equals(f.getString())
                || !(json.get("i") instanceof JsonNumber i) || !(json.get("q") instanceof JsonString q)
                || !(json.get("s") instanceof JsonNumber s) || !(json.get("l") instanceof JsonNumber l)) {
            throw ApiException.badRequest("nextPage is not a page token issued by this hub");
        }
        if (i.longValue() != instanceId) {
            throw ApiException.badRequest("nextPage was issued for another element instance");
        }
        if (!q.getString().equals(queryHash(resource, where, orderBy))) {
            throw ApiException.badRequest("nextPage was issued for another query: send the same resource, where and orderBy as for the first page");
        }
        String href = json.get("c") instanceof JsonString c ? c.getString() : null;
        return new Position(href, s.intValue(), l.intValue());
    }

    static String queryHash(String resource, String where, String orderBy) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String canonical = resource + "\n" + normalize(where) + "\n" + normalize(orderBy);
            return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String normalize(String s) {
        return s == null ? "" : s.strip();
    }
}
