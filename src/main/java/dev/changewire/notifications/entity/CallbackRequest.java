package dev.changewire.notifications.entity;

import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one delivery attempt sends: {@code POST url} with these headers and body bytes.
 * Redirects must not be followed.
 */
public record CallbackRequest(URI url, Map<String, String> headers, byte[] body) {

    public CallbackRequest {
        Objects.requireNonNull(url, "url");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** A header's value by case-insensitive name, or null. */
    public String header(String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CallbackRequest that && url.equals(that.url) && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, headers, Arrays.hashCode(body));
    }

    /** Header names only: values may be credentials. */
    @Override
    public String toString() {
        return "CallbackRequest[POST " + url.getScheme() + "://" + url.getHost()
                + (url.getPort() < 0 ? "" : ":" + url.getPort()) + url.getRawPath()
                + ", headers=" + headers.keySet() + ", body=" + body.length + " bytes]";
    }
}
