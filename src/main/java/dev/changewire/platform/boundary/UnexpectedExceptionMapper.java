package dev.changewire.platform.boundary;

import dev.changewire.platform.control.Abbreviation;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last mapper: what the client's input caused (JSON the server's own readers could not parse,
 * a charset that does not exist) is a 4xx logged in one line; anything else is our fault, logged
 * with its stack trace and the request id and answered 500 without internals.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Exception e) {
        String requestId = ApiExceptionMapper.requestId(request);
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonException || t instanceof JsonbException) {
                return ApiExceptionMapper.clientError(request, 400, "The request body is not valid JSON: "
                        + Abbreviation.of(WebApplicationExceptionMapper.rootMessage(t), 200), requestId);
            }
            if (t instanceof UnsupportedCharsetException || t instanceof IllegalCharsetNameException) {
                return ApiExceptionMapper.clientError(request, 415, "Unsupported charset; send JSON as UTF-8", requestId);
            }
        }
        LOG.log(Level.SEVERE, "Request " + requestId + " failed", e);
        return ErrorBody.response(500, "Internal error; quote request id " + requestId + " when reporting it", requestId, null);
    }
}
