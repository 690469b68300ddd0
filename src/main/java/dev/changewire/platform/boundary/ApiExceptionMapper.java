package dev.changewire.platform.boundary;

import dev.changewire.platform.control.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(ApiException e) {
        return ErrorBody.response(e.status(), e.getMessage(), requestId(request), e.providerMessage());
    }

    static String requestId(HttpServletRequest request) {
        if (request == null) {
            return null;
        }
        Object id = request.getAttribute(RequestId.PROPERTY);
        return id == null ? null : id.toString();
    }
}
