package dev.changewire.notifications.control;

import dev.changewire.instances.control.ConfigurationKeys;
import dev.changewire.notifications.entity.CallbackRequest;
import dev.changewire.notifications.entity.CallbackSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles the request of one delivery attempt: the stored body, the notification's id in
 * {@code Elements-Webhook-Id} and {@code webhook-id}, both signatures, Basic auth and the
 * configured extra headers. Pure: sending is the dispatcher's job.
 */
@ApplicationScoped
public class CallbackRequestBuilder {

    public static final String ID_HEADER = "Elements-Webhook-Id";
    public static final String URL = ConfigurationKeys.EVENTS_CALLBACK;
    public static final String SIGNATURE_KEY = ConfigurationKeys.SIGNATURE_KEY;
    public static final String BASIC_USERNAME = ConfigurationKeys.BASIC_USERNAME;
    public static final String BASIC_PASSWORD = ConfigurationKeys.BASIC_PASSWORD;

    private final CallbackSigner callbackSigner;
    private final StandardWebhooksSigner standardWebhooksSigner;

    /** For CDI's client proxy only. */
    protected CallbackRequestBuilder() {
        this(null, null);
    }

    @Inject
    public CallbackRequestBuilder(CallbackSigner callbackSigner, StandardWebhooksSigner standardWebhooksSigner) {
        this.callbackSigner = callbackSigner;
        this.standardWebhooksSigner = standardWebhooksSigner;
    }

    /**
     * Validated settings from an instance's configuration (Cloud Elements' keys, string values). Use it
     * when the configuration is saved (turning the exception into a 400), and check the URL's
     * addresses with {@link CallbackAddressGuard} as well.
     *
     * @param webhookSecrets the instance's active {@code whsec_} secrets, newest first
     * @throws IllegalArgumentException naming the offending key and why
     */
    public CallbackSettings settings(Map<String, String> configuration, List<String> webhookSecrets) {
        String username = present(configuration.get(BASIC_USERNAME));
        String password = present(configuration.get(BASIC_PASSWORD));
        if (password != null && username == null) {
            throw new IllegalArgumentException(BASIC_PASSWORD + " is set but " + BASIC_USERNAME + " is not");
        }
        if (username != null && (username.indexOf(':') >= 0 || username.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException(BASIC_USERNAME + " must not contain ':' or control characters");
        }
        if (password != null && password.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(BASIC_PASSWORD + " must not contain control characters");
        }
        Map<String, String> extraHeaders = CallbackHeaders.parse(configuration.get(CallbackHeaders.FIELD));
        requireOneAuthorization(username, extraHeaders);
        for (String secret : webhookSecrets) {
            standardWebhooksSigner.validate(secret);
        }
        return new CallbackSettings(CallbackAddressGuard.requireCallbackUrl(configuration.get(URL)),
                present(configuration.get(SIGNATURE_KEY)), webhookSecrets, username, password, extraHeaders);
    }

    /**
     * The request for one attempt.
     *
     * @param notificationId the stored notification's id (the body's {@code message.eventId})
     * @param attemptTime    now, for {@code webhook-timestamp}: receivers reject signatures older than 5 minutes
     * @param body           the notification's body bytes, exactly as signed and sent
     */
    public CallbackRequest build(CallbackSettings settings, String notificationId, Instant attemptTime, byte[] body) {
        return build(settings, notificationId, attemptTime, Map.of("Content-Type", "application/json"), body);
    }

    /**
     * The request for one attempt of a body in its format.
     *
     * @param formatHeaders the headers of the body's format: its Content-Type, and CloudEvents' ce-* in binary mode
     */
    public CallbackRequest build(CallbackSettings settings, String notificationId, Instant attemptTime, Map<String, String> formatHeaders,
            byte[] body) {
        // settings may be built without settings(): a reserved name here would duplicate a header below
        settings.extraHeaders().keySet().forEach(CallbackHeaders::requireName);
        requireOneAuthorization(settings.basicUsername(), settings.extraHeaders());
        Map<String, String> headers = new LinkedHashMap<>(settings.extraHeaders());
        headers.putAll(formatHeaders);
        headers.put(ID_HEADER, notificationId);
        if (settings.signatureKey() != null) {
            headers.put(CallbackSigner.HEADER, callbackSigner.signature(settings.signatureKey(), body));
        }
        headers.put(StandardWebhooksSigner.ID_HEADER, notificationId);
        headers.put(StandardWebhooksSigner.TIMESTAMP_HEADER, StandardWebhooksSigner.timestamp(attemptTime));
        headers.put(StandardWebhooksSigner.SIGNATURE_HEADER,
                standardWebhooksSigner.signature(notificationId, attemptTime, body, settings.webhookSecrets()));
        if (settings.basicUsername() != null) {
            String credentials = settings.basicUsername() + ":" + (settings.basicPassword() == null ? "" : settings.basicPassword());
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return new CallbackRequest(settings.url(), headers, body);
    }

    private static void requireOneAuthorization(String basicUsername, Map<String, String> extraHeaders) {
        if (basicUsername != null && extraHeaders.keySet().stream().anyMatch("Authorization"::equalsIgnoreCase)) {
            throw new IllegalArgumentException(CallbackHeaders.FIELD + " sets Authorization, and so do "
                    + BASIC_USERNAME + "/.password: configure one or the other");
        }
    }

    private static String present(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
