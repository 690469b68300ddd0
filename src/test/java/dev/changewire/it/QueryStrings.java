package dev.changewire.it;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** URL query strings in integration tests: encoding one value, reading the parameters of a URI. */
final class QueryStrings {

    private QueryStrings() {
    }

    /** The value URL-encoded (UTF-8), for a query parameter. */
    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The decoded parameters of the URI's query; every pair must have an '='. */
    static Map<String, String> query(String uri) {
        Map<String, String> params = new HashMap<>();
        for (String pair : URI.create(uri).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
