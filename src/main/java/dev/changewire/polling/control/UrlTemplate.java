package dev.changewire.polling.control;

import dev.changewire.platform.control.Abbreviation;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TimeZone;

/**
 * A poller resource URL with Cloud Elements' placeholders, parsed once and expanded before each call
 * with the instant the query starts from.
 * <ul>
 * <li>{@code ${gmtDate:<pattern>}}: the instant in UTC, formatted with a {@link SimpleDateFormat} pattern;</li>
 * <li>{@code ${date:<pattern>}}: the same in the instance's time zone ({@code event.poller.timezone});</li>
 * <li>{@code ${date}}: ISO-8601 with offset in that time zone, to the second ({@code 2026-03-29T03:30:00+02:00});</li>
 * <li>{@code ${epoch}} / {@code ${epoch:ms}}: epoch milliseconds; {@code ${epoch:s}} seconds;
 *     {@code ${epoch:us}} microseconds.</li>
 * </ul>
 * A placeholder ends at the first {@code }}, so patterns may hold quotes and colons
 * ({@code ${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}}). Truncation (by a pattern without seconds, or by
 * {@code ${date}} and {@code ${epoch:s}}) always rounds down, so a "since" query never starts later
 * than asked.
 * <p>
 * An expanded value is percent-encoded as a query value (only RFC 3986 unreserved characters stay
 * as they are: {@code :} becomes {@code %3A}, {@code +} {@code %2B}, a space {@code %20}), which every
 * server decodes back to the same text, whether it sits in the path or the query. The literal text of
 * the template is kept as written, except that characters a URI may not contain at all (spaces,
 * {@code "<>\^`{|}}, non-ASCII) are percent-encoded, so the result always passes {@code URI.create}.
 * <p>
 * Immutable and thread-safe (a {@link SimpleDateFormat} is created per expansion).
 */
public final class UrlTemplate {

    public static final int MAX_LENGTH = 2048;
    public static final String KNOWN_PLACEHOLDERS =
            "${gmtDate:<pattern>}, ${date:<pattern>}, ${date}, ${epoch}, ${epoch:ms}, ${epoch:s}, ${epoch:us}";

    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    private static final String URI_LITERAL_ALLOWED = UNRESERVED + ":/?#[]@!$&'()*+,;=";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private interface Part {
        void appendTo(StringBuilder url, Instant instant, ZoneId zone);
    }

    private final String template;
    private final List<Part> parts;

    private UrlTemplate(String template, List<Part> parts) {
        this.template = template;
        this.parts = List.copyOf(parts);
    }

    /** Parses a template; error messages start with "url". */
    public static UrlTemplate parse(String template) {
        return parse(template, "url");
    }

    /**
     * Parses a template.
     *
     * @param subject what the template is called in error messages (a configuration key path)
     * @throws IllegalArgumentException naming the subject, for an unknown placeholder, an invalid
     *         date pattern, an unterminated placeholder or an over-long template
     */
    public static UrlTemplate parse(String template, String subject) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException(subject + " is required");
        }
        if (template.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(subject + " is " + template.length()
                    + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        List<Part> parts = new ArrayList<>();
        int position = 0;
        while (position < template.length()) {
            int start = template.indexOf("${", position);
            if (start < 0) {
                parts.add(literal(template.substring(position)));
                break;
            }
            if (start > position) {
                parts.add(literal(template.substring(position, start)));
            }
            int end = template.indexOf('}', start + 2);
            if (end < 0) {
                throw new IllegalArgumentException(subject + " has an unterminated placeholder at position " + start
                        + " ('" + template.substring(start) + "'); a placeholder ends with }");
            }
            parts.add(placeholder(template.substring(start + 2, end), subject));
            position = end + 1;
        }
        return new UrlTemplate(template, parts);
    }

    /** The URL for a query starting at {@code instant}; {@code zone} serves {@code ${date...}}. */
    public String expand(Instant instant, ZoneId zone) {
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(zone, "zone");
        StringBuilder url = new StringBuilder(template.length() + 32);
        for (Part part : parts) {
            part.appendTo(url, instant, zone);
        }
        return url.toString();
    }

    /** Expands with {@code ${date...}} in UTC. */
    public String expand(Instant instant) {
        return expand(instant, ZoneOffset.UTC);
    }

    /** The template as written. */
    public String template() {
        return template;
    }

    private static Part literal(String text) {
        String encoded = encodeLiteral(text);
        return (url, instant, zone) -> url.append(encoded);
    }

    private static Part placeholder(String body, String subject) {
        String placeholder = "${" + body + "}";
        switch (body) {
            case "date":
                return (url, instant, zone) -> appendValue(url,
                        ISO_SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone)));
            case "epoch":
            case "epoch:ms":
                return (url, instant, zone) -> url.append(instant.toEpochMilli());
            case "epoch:s":
                return (url, instant, zone) -> url.append(Math.floorDiv(instant.toEpochMilli(), 1000L));
            case "epoch:us":
                return (url, instant, zone) -> url.append(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                        instant.getNano() / 1000));
            default:
                break;
        }
        if (body.startsWith("gmtDate:")) {
            String pattern = datePattern(body.substring("gmtDate:".length()), placeholder, subject);
            return (url, instant, zone) -> appendValue(url, format(pattern, instant, ZoneOffset.UTC));
        }
        if (body.startsWith("date:")) {
            String pattern = datePattern(body.substring("date:".length()), placeholder, subject);
            return (url, instant, zone) -> appendValue(url, format(pattern, instant, zone));
        }
        throw new IllegalArgumentException(subject + " has an unknown placeholder " + placeholder
                + "; known: " + KNOWN_PLACEHOLDERS);
    }

    private static String datePattern(String pattern, String placeholder, String subject) {
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException(subject + " has an empty date pattern in " + placeholder);
        }
        try {
            new SimpleDateFormat(pattern, Locale.US);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(subject + " has an invalid date pattern '" + Abbreviation.of(pattern) + "' in "
                    + placeholder + ": " + e.getMessage(), e);
        }
        return pattern;
    }

    private static String format(String pattern, Instant instant, ZoneId zone) {
        SimpleDateFormat format = new SimpleDateFormat(pattern, Locale.US);
        format.setTimeZone(TimeZone.getTimeZone(zone));
        return format.format(Date.from(instant));
    }

    private static void appendValue(StringBuilder url, String value) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (b >= 0 && UNRESERVED.indexOf(c) >= 0) {
                url.append(c);
            } else {
                appendEscape(url, b);
            }
        }
    }

    private static String encodeLiteral(String text) {
        StringBuilder encoded = new StringBuilder(text.length());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            char c = (char) (b & 0xFF);
            boolean keptEscape = c == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
            if (keptEscape || (b >= 0 && URI_LITERAL_ALLOWED.indexOf(c) >= 0)) {
                encoded.append(c);
            } else {
                appendEscape(encoded, b);
            }
        }
        return encoded.toString();
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static void appendEscape(StringBuilder url, byte b) {
        url.append('%').append(HEX[(b >> 4) & 0x0F]).append(HEX[b & 0x0F]);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UrlTemplate that && template.equals(that.template);
    }

    @Override
    public int hashCode() {
        return template.hashCode();
    }

    @Override
    public String toString() {
        return template;
    }
}
