package dev.changewire.tenancy.control;

import dev.changewire.platform.control.ApiException;
import dev.changewire.tenancy.entity.Role;
import jakarta.enterprise.context.RequestScoped;

/**
 * Who is calling: set once by the authentication filter, read by every resource to scope its work
 * to the caller's organization.
 */
@RequestScoped
public class Caller {

    private Long userId;
    private Long organizationId;
    private Role role;
    private boolean bootstrapOrganization;
    private String elementToken;

    public void authenticate(long userId, long organizationId, Role role, boolean bootstrapOrganization, String elementToken) {
        this.userId = userId;
        this.organizationId = organizationId;
        this.role = role;
        this.bootstrapOrganization = bootstrapOrganization;
        this.elementToken = elementToken;
    }

    public boolean isAuthenticated() {
        return userId != null;
    }

    public long userId() {
        requireAuthenticated();
        return userId;
    }

    public long organizationId() {
        requireAuthenticated();
        return organizationId;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean isBootstrapAdmin() {
        return isAdmin() && bootstrapOrganization;
    }

    /** The {@code Element <token>} part of the header, present on hub calls. */
    public String elementToken() {
        return elementToken;
    }

    public void requireAdmin() {
        if (!isAdmin()) {
            throw ApiException.forbidden("Only an organization admin may do this");
        }
    }

    private void requireAuthenticated() {
        if (userId == null) {
            throw ApiException.unauthorized("Not authenticated");
        }
    }
}
