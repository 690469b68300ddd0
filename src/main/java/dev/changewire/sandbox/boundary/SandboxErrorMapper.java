package dev.changewire.sandbox.boundary;

import dev.changewire.sandbox.control.OAuthError;
import dev.changewire.sandbox.control.ProviderError;
import jakarta.json.JsonException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every failure inside the sandbox, in Constant Contact's shapes: the OAuth2 object on the
 * {@code oauth2/} paths, the V3 error array everywhere else.
 */
@Provider
public class SandboxErrorMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(SandboxErrorMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Exception e) {
        if (e instanceof OAuthError o) {
            return ProviderErrors.oauth(o.status(), o.error(), o.getMessage());
        }
        if (e instanceof ProviderError p) {
            return ProviderErrors.array(p.status(), p.key(), p.getMessage());
        }
        int status;
        String key;
        String message;
        if (e instanceof NotFoundException) {
            status = 404;
            key = "not_found";
            message = "No such resource: /" + path();
        } else if (e instanceof NotAllowedException) {
            status = 405;
            key = "method_not_allowed";
            message = "This method is not allowed on /" + path();
        } else if (e instanceof NotSupportedException) {
            status = 415;
            key = "unsupported_media_type";
            message = path().startsWith("oauth2/") ? "Send the body as application/x-www-form-urlencoded" : "Send the body as application/json";
        } else if (e instanceof NotAcceptableException) {
            status = 406;
            key = "not_acceptable";
            message = "The sandbox answers application/json only";
        } else if (e instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
            status = w.getResponse().getStatus();
            key = "bad_request";
            message = "Malformed request: " + rootMessage(e);
        } else if (e instanceof JsonException) {
            status = 400;
            key = "json.invalid";
            message = "Malformed JSON: " + rootMessage(e);
        } else {
            LOG.log(Level.SEVERE, "Sandbox request /" + path() + " failed", e);
            status = 500;
            key = "server_error";
            message = "Internal error in the sandbox";
        }
        if (path().startsWith("oauth2/")) {
            return ProviderErrors.oauth(status, status >= 500 ? "server_error" : "invalid_request", message);
        }
        return ProviderErrors.array(status, key, message);
    }

    private String path() {
        return uri == null ? "" : uri.getPath(false).replaceFirst("^/", "");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
