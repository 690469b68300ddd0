package dev.changewire.elements.constantcontact.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Where Constant Contact lives: the configured {@code changewire.constantcontact.*-url}s, or, with
 * {@code changewire.sandbox.enabled=true} and no explicit URL, the sandbox this WAR mounts at
 * {@code changewire.sandbox.url}.
 */
@ApplicationScoped
public class ConstantContactEndpoints {

    static final String API_URL = "https://api.cc.email/v3";
    static final String AUTHORIZE_URL = "https://authz.constantcontact.com/oauth2/default/v1/authorize";
    static final String TOKEN_URL = "https://authz.constantcontact.com/oauth2/default/v1/token";
    static final String SANDBOX_URL = "http://127.0.0.1:8080/sandbox/constantcontact";

    @Inject
    Config config;

    public String apiUrl() {
        return resolve("changewire.constantcontact.api-url", API_URL, "/v3");
    }

    public String authorizeUrl() {
        return resolve("changewire.constantcontact.authorize-url", AUTHORIZE_URL, "/oauth2/default/v1/authorize");
    }

    public String tokenUrl() {
        return resolve("changewire.constantcontact.token-url", TOKEN_URL, "/oauth2/default/v1/token");
    }

    public boolean sandboxEnabled() {
        return config.getOptionalValue("changewire.sandbox.enabled", Boolean.class).orElse(false);
    }

    /** The sandbox's own base URL, as this server reaches it. */
    public String sandboxUrl() {
        return stripSlash(config.getOptionalValue("changewire.sandbox.url", String.class).orElse(SANDBOX_URL));
    }

    private String resolve(String key, String production, String sandboxPath) {
        Optional<String> explicit = config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
        if (explicit.isPresent()) {
            return stripSlash(explicit.get());
        }
        return sandboxEnabled() ? sandboxUrl() + sandboxPath : production;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
