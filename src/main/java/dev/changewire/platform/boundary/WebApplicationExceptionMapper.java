package dev.changewire.platform.boundary;

import dev.changewire.platform.control.Abbreviation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS's own failures (unknown path, wrong method, unreadable body) in the Cloud Elements error body. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message;
        if (e instanceof NotFoundException) {
            message = "No such resource: " + (request == null ? "" : Abbreviation.of(request.getRequestURI()));
        } else if (e instanceof NotAllowedException) {
            message = "Method " + (request == null ? "" : Abbreviation.of(request.getMethod())) + " is not allowed here";
        } else if (e instanceof NotSupportedException) {
            message = "Unsupported Content-Type; send application/json";
        } else if (status == 400) {
            message = "Malformed request: " + Abbreviation.of(rootMessage(e), 200);
        } else {
            message = e.getMessage();
        }
        String requestId = ApiExceptionMapper.requestId(request);
        if (status >= 400) {
            ApiExceptionMapper.log(request, status, message, requestId);
        }
        Response response = ErrorBody.response(status, message, requestId, null);
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> response.getHeaders().add(name, v));
            }
        });
        return response;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
