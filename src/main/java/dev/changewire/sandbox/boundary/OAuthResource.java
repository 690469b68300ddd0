package dev.changewire.sandbox.boundary;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.sandbox.control.OAuthError;
import dev.changewire.sandbox.control.ClientTraffic;
import dev.changewire.sandbox.control.OAuthServer;
import dev.changewire.sandbox.control.TrafficCounter;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Constant Contact's authorization server (Okta): {@code /oauth2/default/v1/authorize} and {@code /token}. */
@Path("oauth2/default/v1")
public class OAuthResource {

    @Inject
    OAuthServer server;

    @Inject
    ClientTraffic traffic;

    /** Approves at once: 302 to {@code redirect_uri?code=...&state=...}. {@code account} (sandbox only) picks the account, default {@code demo}. */
    @GET
    @Path("authorize")
    @Produces(MediaType.APPLICATION_JSON)
    public Response authorize(@QueryParam("client_id") String clientId, @QueryParam("redirect_uri") String redirectUri,
            @QueryParam("response_type") String responseType, @QueryParam("scope") String scope,
            @QueryParam("state") String state, @QueryParam("account") String account) {
        return Response.status(Response.Status.FOUND)
                .location(server.authorize(clientId, redirectUri, responseType, scope, state, account))
                .build();
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @FormParam("grant_type") String grantType, @FormParam("code") String code,
            @FormParam("redirect_uri") String redirectUri, @FormParam("refresh_token") String refreshToken) {
        String[] credentials = basicCredentials(authorization);
        String clientId = server.authenticateClient(credentials[0], credentials[1]);
        if (traffic.admitToken(clientId) != TrafficCounter.Verdict.SERVED) {
            // Constant Contact's token endpoint allows 1 request a second per client id
            throw new OAuthError(429, "too_many_requests", "API call exceeded rate limit due to too many requests to the token endpoint");
        }
        if (grantType == null || grantType.isBlank()) {
            throw OAuthError.invalidRequest("grant_type is required: authorization_code or refresh_token");
        }
        OAuthServer.Tokens tokens = switch (grantType) {
            case "authorization_code" -> server.exchangeCode(clientId, code, redirectUri);
            case "refresh_token" -> server.refresh(clientId, refreshToken);
            default -> throw new OAuthError(400, "unsupported_grant_type",
                    "grant_type '" + grantType + "' is not supported; use authorization_code or refresh_token");
        };
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("access_token", tokens.accessToken())
                .add("token_type", "Bearer")
                .add("expires_in", tokens.expiresIn())
                .add("scope", tokens.scope());
        if (tokens.refreshToken() != null) {
            body.add("refresh_token", tokens.refreshToken());
        }
        return Response.ok(body.build().toString(), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }

    static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw OAuthError.invalidClient("Client authentication is required: Authorization: Basic base64(client_id:client_secret)");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient("The Basic credentials are not valid base64");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw OAuthError.invalidClient("The Basic credentials must be client_id:client_secret");
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
