package dev.changewire.instances.entity;

import java.time.Instant;

/** What a token grant returned. {@code accessToken} and {@code expiresAt} are null when only a refresh token is known. */
public record OAuthTokens(String accessToken, String refreshToken, Instant expiresAt, String scope) {

    @Override
    public String toString() {
        // never let a token reach a log line through toString()
        return "OAuthTokens[accessToken=" + (accessToken == null ? "none" : "****") + ", refreshToken="
                + (refreshToken == null ? "none" : "****") + ", expiresAt=" + expiresAt + ", scope=" + scope + "]";
    }
}
