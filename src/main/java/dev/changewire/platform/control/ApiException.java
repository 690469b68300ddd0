package dev.changewire.platform.control;

import jakarta.ejb.ApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * A failure the client must hear about, rendered as Cloud Elements' error body
 * {@code {"message","requestId","providerMessage"}} with the given status.
 * Thrown through an EJB it is not wrapped and it rolls the transaction back.
 */
@ApplicationException(rollback = true)
public class ApiException extends RuntimeException {

    private final int status;
    private final String providerMessage;

    public ApiException(int status, String message) {
        this(status, message, null);
    }

    public ApiException(int status, String message, String providerMessage) {
        super(message);
        this.status = status;
        this.providerMessage = providerMessage;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    public int status() {
        return status;
    }

    public Response.Status.Family family() {
        return Response.Status.Family.familyOf(status);
    }

    public String providerMessage() {
        return providerMessage;
    }
}
