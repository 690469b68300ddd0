package dev.changewire.platform.boundary;

import static dev.changewire.platform.control.JsonProviders.JSON;

import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The web container's error page (WEB-INF/web.xml sends every status and exception here): what
 * fails outside JAX-RS (an unparseable path, a filter, an Error) still answers the API's
 * {@code {message, requestId}} JSON instead of the server's HTML page naming the exception.
 */
@WebServlet(ErrorPage.PATH)
public class ErrorPage extends HttpServlet {

    static final String PATH = "/error-page";
    private static final Logger LOG = Logger.getLogger(ErrorPage.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : 404;
        Object thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String requestId = UUID.randomUUID().toString();
        if (thrown instanceof Throwable t) {
            status = 500;
            LOG.log(Level.SEVERE, "Request " + requestId + " failed outside the API", t);
        }
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("message", message(status))
                .add("requestId", requestId);
        byte[] bytes = body.build().toString().getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader(RequestId.HEADER, requestId);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static String message(int status) {
        return switch (status) {
            case 400 -> "Malformed request";
            case 401 -> "Authentication required";
            case 403 -> "Forbidden";
            case 404 -> "No such resource";
            case 405 -> "Method not allowed";
            case 413 -> "The request is too large";
            case 415 -> "Unsupported Content-Type; send application/json";
            case 500 -> "Internal error";
            default -> "Request failed with status " + status;
        };
    }
}
