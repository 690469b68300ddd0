package dev.changewire.platform.boundary;

import dev.changewire.platform.control.Abbreviation;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses an Accept header whose quality values are not numbers from 0 to 1 (RFC 9110 12.4.2) with a 400,
 * before resource matching. The servers differ here: RESTEasy (WildFly) fails inside matching with an
 * exception no portable mapper can tell from our own faults, so the same bad header was a 500 there.
 */
@Provider
@PreMatching
@Priority(Priorities.USER + 100) // after RequestId, so the answer carries the request's id
public class AcceptHeaderCheck implements ContainerRequestFilter {

    private static final Pattern QUALITY = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");
    /** A {@code q} parameter of a media range and its value (up to the next parameter or range). */
    private static final Pattern Q_PARAMETER = Pattern.compile(";\\s*[qQ]\\s*=([^,;]*)");

    @Override
    public void filter(ContainerRequestContext request) {
        List<String> values = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (values == null) {
            return;
        }
        // the container bounds the header's size; a quoted parameter holding a comma or semicolon splits oddly, harmlessly
        for (String value : values) {
            Matcher q = Q_PARAMETER.matcher(value);
            while (q.find()) {
                if (!QUALITY.matcher(q.group(1).strip()).matches()) {
                    request.abortWith(ErrorBody.response(400, "Accept has a quality value that is not a number from 0 to 1: '"
                            + Abbreviation.of(q.group().substring(1).strip(), 80) + "'", RequestId.of(request), null));
                    return;
                }
            }
        }
    }
}
