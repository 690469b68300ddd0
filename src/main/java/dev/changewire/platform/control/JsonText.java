package dev.changewire.platform.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.Locale;

/**
 * The one way client JSON is parsed: request bodies and the JSON held in configuration values
 * ({@code event.poller.configuration}, {@code event.notification.callback.headers}). A first,
 * streaming pass bounds nesting depth and the length of number literals before anything is built
 * (so no parser recursion nor billion-digit BigDecimal is reached); every parser failure becomes
 * a 400 that names what was being read and why.
 */
public final class JsonText {

    /** Deepest nesting accepted; the API's documents need four levels. */
    public static final int MAX_DEPTH = 32;
    /** Longest number literal accepted. */
    public static final int MAX_NUMBER_LENGTH = 64;

    private JsonText() {
    }

    /** A JSON object, or a 400 naming {@code what} ("The body", "configuration.x"). */
    public static JsonObject object(String text, String what) {
        JsonValue value = value(text, what);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.badRequest(what + " must be a JSON object, got " + value.getValueType().name().toLowerCase(Locale.ROOT));
        }
        return value.asJsonObject();
    }

    /** Any JSON value within the limits, or a 400 naming {@code what}. */
    public static JsonValue value(String text, String what) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest(what + " is empty; a JSON object is required");
        }
        checkLimits(text, what);
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (RuntimeException e) {
            throw malformed(what, e);
        }
    }

    private static void checkLimits(String text, String what) {
        int depth = 0;
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_DEPTH) {
                            throw ApiException.badRequest(what + " is nested deeper than " + MAX_DEPTH + " levels");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case VALUE_NUMBER -> {
                        // the literal's text only: no BigDecimal is made of it
                        int length = parser.getString().length();
                        if (length > MAX_NUMBER_LENGTH) {
                            throw ApiException.badRequest(what + " holds a number of " + length + " characters; at most "
                                    + MAX_NUMBER_LENGTH + " are accepted");
                        }
                    }
                    default -> {
                        // strings and literals are bounded by the body size
                    }
                }
            }
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw malformed(what, e);
        }
    }

    private static ApiException malformed(String what, RuntimeException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return ApiException.badRequest(what + " is not valid JSON: " + Abbreviation.of(reason, 200));
    }
}
