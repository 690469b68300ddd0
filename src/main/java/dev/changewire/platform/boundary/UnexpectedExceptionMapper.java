package dev.changewire.platform.boundary;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Malformed JSON is the client's fault (400); anything else is logged with the request id and answered 500 without internals. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Exception e) {
        String requestId = ApiExceptionMapper.requestId(request);
        if (e instanceof JsonException || e instanceof JsonbException) {
            return ErrorBody.response(400, "Malformed JSON: " + WebApplicationExceptionMapper.rootMessage(e), requestId, null);
        }
        LOG.log(Level.SEVERE, "Request " + requestId + " failed", e);
        return ErrorBody.response(500, "Internal error; quote request id " + requestId + " when reporting it", requestId, null);
    }
}
