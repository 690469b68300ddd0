package dev.changewire.sandbox.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The Constant Contact sandbox: a stateful, in-memory simulator of the parts of Constant Contact
 * V3 that Changewire uses, so the demo and the tests run without the internet. Mounted only with
 * {@code changewire.sandbox.enabled=true}; otherwise every path below is a 404. Its errors use
 * Constant Contact's shapes, so it registers none of the platform's providers.
 *
 * <h2>Constant Contact's API (see constant-contact-v3.md)</h2>
 * <ul>
 * <li>{@code GET oauth2/default/v1/authorize?client_id&redirect_uri&response_type=code&scope[&state][&account]}:
 * approves at once, 302 to {@code redirect_uri?code=..&state=..}; the first redirect_uri a client_id
 * is authorized with becomes its registered one, any other is refused; {@code account} (sandbox only)
 * picks the account, created and seeded on first use, default {@code demo}. Codes are single use,
 * valid 5 minutes, bound to client_id and redirect_uri.</li>
 * <li>{@code POST oauth2/default/v1/token} (form, HTTP Basic client authentication; the first
 * secret used with a client_id is bound to it): grants {@code authorization_code} and
 * {@code refresh_token}; refresh tokens rotate and come only with the {@code offline_access} scope.</li>
 * <li>{@code v3/emails}, {@code v3/contacts}, {@code v3/contact_lists} with their filters, cursors
 * and writes (Bearer token; rate-limited per OAuth client). Order: campaigns by {@code updated_at}
 * newest first; contacts and lists by {@code created_at} oldest first, then id. Date filters are
 * half-open: {@code *_after}/{@code after_date} inclusive, {@code *_before}/{@code before_date} exclusive.</li>
 * </ul>
 *
 * <h2>Sandbox only: statistics and test/demo control ({@code admin/*}: {@code Sandbox-Admin-Secret} header)</h2>
 * <ul>
 * <li>{@code GET stats}, {@code GET stats/{clientId}}: per client {@code requestsServed},
 * {@code throttled}, {@code quotaExceeded}, {@code maxRequestsPerSecond} (served in the busiest
 * wall-clock second), {@code requestsToday}, {@code limits}.</li>
 * <li>{@code GET admin/accounts}: the account names.</li>
 * <li>{@code GET admin/accounts/{account}/{emails|contacts|contact_lists}[/{id}]}: records without a
 * token, deleted ones included.</li>
 * <li>{@code PUT admin/accounts/{account}/{emails|contacts|contact_lists}/{id}} with the record's
 * JSON: writes it as given, {@code created_at}/{@code updated_at}/{@code deleted_at} included (to
 * imitate a provider whose index lags); missing timestamps default to now.</li>
 * <li>{@code POST admin/accounts/{account}/churn?rounds=n}: n random changes, as the churn timer makes.</li>
 * <li>{@code GET|PUT|DELETE admin/clients/{clientId}/limits} {@code {"requestsPerSecond","requestsPerDay"}}:
 * a client's rate limits (DELETE: back to the configured ones).</li>
 * <li>{@code DELETE admin/clients/{clientId}/requests-today}: resets the client's day counter.</li>
 * <li>{@code DELETE admin/clients/{clientId}/accounts/{account}/refresh-tokens}: revokes them.</li>
 * <li>{@code GET|PUT|DELETE admin/access-token-lifetime} {@code {"lifetime":"PT2S"}}: the lifetime
 * of access tokens issued from now on (DELETE: back to the configured one).</li>
 * </ul>
 */
@ApplicationPath("sandbox/constantcontact")
public class SandboxApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(SandboxGate.class, SandboxAdminGate.class, SandboxErrorMapper.class, V3Access.class,
                OAuthResource.class, EmailsResource.class, ContactsResource.class, ContactListsResource.class,
                StatsResource.class, SandboxAdminResource.class);
    }
}
