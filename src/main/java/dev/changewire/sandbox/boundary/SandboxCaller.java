package dev.changewire.sandbox.boundary;

import dev.changewire.sandbox.control.OAuthServer;
import jakarta.enterprise.context.RequestScoped;

/** The OAuth grant behind the current V3 request's bearer token (set by {@link V3Access}). */
@RequestScoped
public class SandboxCaller {

    private OAuthServer.AccessGrant grant;

    void grant(OAuthServer.AccessGrant grant) {
        this.grant = grant;
    }

    public String account() {
        if (grant == null) {
            throw new IllegalStateException("No authenticated V3 request");
        }
        return grant.account();
    }
}
