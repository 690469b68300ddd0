package dev.changewire.elements.constantcontact.control;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Constant Contact's OAuth2 token endpoint, as a MicroProfile REST Client whose base URI is the
 * token URL itself. Returns the raw Response: a refusal is a result to report, not an exception.
 */
public interface OAuthTokenClient extends AutoCloseable {

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Response authorizationCode(@HeaderParam("Authorization") String basicAuthorization,
            @FormParam("grant_type") String grantType,
            @FormParam("code") String code,
            @FormParam("redirect_uri") String redirectUri);

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Response refreshToken(@HeaderParam("Authorization") String basicAuthorization,
            @FormParam("grant_type") String grantType,
            @FormParam("refresh_token") String refreshToken);
}
