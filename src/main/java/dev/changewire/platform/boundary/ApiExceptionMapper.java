package dev.changewire.platform.boundary;

import dev.changewire.platform.control.Abbreviation;
import dev.changewire.platform.control.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Context
    HttpServletRequest request;

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());

    @Override
    public Response toResponse(ApiException e) {
        String requestId = requestId(request);
        log(request, e.status(), e.getMessage(), requestId);
        return ErrorBody.response(e.status(), e.getMessage(), requestId, e.providerMessage());
    }

    /** A client's mistake: one short log line, no stack trace (one bad request must not write a thousand lines). */
    static Response clientError(HttpServletRequest request, int status, String message, String requestId) {
        log(request, status, message, requestId);
        return ErrorBody.response(status, message, requestId, null);
    }

    static void log(HttpServletRequest request, int status, String message, String requestId) {
        Level level = status >= 500 ? Level.WARNING : Level.INFO;
        if (LOG.isLoggable(level)) {
            LOG.log(level, "Request {0} {1} {2} answered {3}: {4}", new Object[] {requestId,
                    request == null ? "" : request.getMethod(), request == null ? "" : Abbreviation.of(request.getRequestURI()),
                    status, Abbreviation.of(message, 200)});
        }
    }

    static String requestId(HttpServletRequest request) {
        if (request == null) {
            return null;
        }
        Object id = request.getAttribute(RequestId.PROPERTY);
        return id == null ? null : id.toString();
    }
}
