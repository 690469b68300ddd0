package dev.changewire.sandbox.control;

/**
 * A failure answered in Constant Contact's V3 error shape:
 * {@code [{"error_key": "...", "error_message": "..."}]}.
 */
public class ProviderError extends RuntimeException {

    private final int status;
    private final String key;

    public ProviderError(int status, String key, String message) {
        super(message);
        this.status = status;
        this.key = key;
    }

    public int status() {
        return status;
    }

    public String key() {
        return key;
    }

    public static ProviderError badRequest(String key, String message) {
        return new ProviderError(400, key, message);
    }

    public static ProviderError invalidParameter(String message) {
        return new ProviderError(400, "query.param.invalid", message);
    }

    public static ProviderError invalidField(String message) {
        return new ProviderError(400, "json.field.invalid", message);
    }

    public static ProviderError requiredField(String field) {
        return new ProviderError(400, "json.field.required", "The field '" + field + "' is required");
    }

    public static ProviderError notFound(String message) {
        return new ProviderError(404, "not_found", message);
    }

    public static ProviderError conflict(String message) {
        return new ProviderError(409, "conflict", message);
    }

    public static ProviderError unauthorized(String message) {
        return new ProviderError(401, "unauthorized", message);
    }
}
