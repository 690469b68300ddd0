package dev.changewire.polling.entity;

import dev.changewire.instances.control.ConfigurationKeys;
import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.polling.control.UrlTemplate;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import dev.changewire.platform.control.Abbreviation;
import dev.changewire.platform.control.BoundedDecimal;
import java.math.BigDecimal;
import java.text.SimpleDateFormat;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code event.poller.configuration}: resource name → how to poll it, in the order given.
 * <p>
 * Accepts the JSON object or a string holding it; numbers and booleans may be given as strings.
 * Keys it does not know are ignored (configurations copied from Cloud Elements may carry more).
 * Defaults: {@code filterByUpdatedDate} true, {@code createdCheckTolerance} {@value #DEFAULT_CREATED_CHECK_TOLERANCE_SECONDS} s
 * (one write's created and updated stamps often differ by some milliseconds), {@code pageSize}
 * {@value #DEFAULT_PAGE_SIZE}, {@code pollDelay} 0, date time zones UTC, date formats ISO-8601.
 * Every error is an {@link IllegalArgumentException} whose message starts with the full key path.
 */
public record PollerConfiguration(Map<String, PollerResource> resources) {

    public static final String KEY = ConfigurationKeys.POLLER_CONFIGURATION;
    public static final int MAX_RESOURCES = 50;
    public static final int MAX_PAGE_SIZE = 500;
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int DEFAULT_CREATED_CHECK_TOLERANCE_SECONDS = 1;
    public static final Duration MAX_SECONDS_SETTING = Duration.ofDays(1);
    public static final String HUB_PREFIX = "/hubs/";
    public static final ZoneId UTC = ZoneId.of("UTC");
    public static final int MAX_SWEEPS = 5;
    public static final String FULL_SWEEP = "full";
    public static final String UNSUBSCRIBES_SWEEP = "unsubscribes";

    private static final Pattern RESOURCE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)\\.{1,2}(/|$|\\?)");
    private static final String CONSTANT_CONTACT_URL =
            "/hubs/marketing/%s?where=modified_since='${gmtDate:yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}'";
    private static final String ISO_MILLIS_UTC = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";

    public PollerConfiguration {
        resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
    }

    public Optional<PollerResource> resource(String name) {
        return Optional.ofNullable(resources.get(name));
    }

    /**
     * The Constant Contact element's resources when events are enabled without a configuration:
     * campaigns, contacts and lists, each queried with {@code modified_since}.
     */
    public static PollerConfiguration constantContactDefaults() {
        Map<String, PollerResource> resources = new LinkedHashMap<>();
        for (String name : new String[] {"campaigns", "contacts", "lists"}) {
            DatesConfiguration dates = new DatesConfiguration(
                    FieldPath.parse("modified_date"), ISO_MILLIS_UTC, UTC,
                    FieldPath.parse("created_date"), ISO_MILLIS_UTC, UTC,
                    FieldPath.parse("deleted_date"));
            resources.put(name, new PollerResource(name, UrlTemplate.parse(String.format(CONSTANT_CONTACT_URL, name)),
                    FieldPath.parse("id"), dates, true, Duration.ofSeconds(DEFAULT_CREATED_CHECK_TOLERANCE_SECONDS),
                    DEFAULT_PAGE_SIZE, Duration.ZERO, constantContactSweeps(name)));
        }
        return new PollerConfiguration(resources);
    }

    /**
     * Constant Contact's changes that {@code updated_after} does not show: an unsubscribe leaves the
     * contact's {@code updated_at} alone, so the unsubscribed contacts are listed on every run (found
     * within two poll intervals); a record deleted without a marker (lists have no documented
     * {@code deleted_at}) is found by a daily sweep of the whole resource. Campaigns show their removal
     * in {@code updated_at}: none.
     */
    private static Map<String, Sweep> constantContactSweeps(String resource) {
        // status='ALL' is the hub's "every record, deleted ones too" and leaves nothing to filter in memory,
        // so a hub page is a Constant Contact page and the pass follows its cursor links
        Sweep daily = new Sweep(FULL_SWEEP, Duration.ofDays(1),
                Optional.of(UrlTemplate.parse(HUB_PREFIX + "marketing/" + resource + "?where=status='ALL'")), true, MAX_PAGE_SIZE);
        return switch (resource) {
            case "contacts" -> {
                Map<String, Sweep> sweeps = new LinkedHashMap<>();
                sweeps.put(UNSUBSCRIBES_SWEEP, new Sweep(UNSUBSCRIBES_SWEEP, Duration.ZERO,
                        Optional.of(UrlTemplate.parse(HUB_PREFIX + "marketing/contacts?where=status='unsubscribed'")), false, MAX_PAGE_SIZE));
                sweeps.put(FULL_SWEEP, daily);
                yield sweeps;
            }
            case "lists" -> Map.of(FULL_SWEEP, daily);
            default -> Map.of();
        };
    }

    /**
     * Parses the configuration value, or answers the Constant Contact defaults when it is absent
     * (null, JSON null or a blank string).
     */
    public static PollerConfiguration parseOrDefaults(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL
                || (value instanceof JsonString s && s.getString().isBlank())) {
            return constantContactDefaults();
        }
        return parse(value);
    }

    /** Parses a JSON object, or a JSON string whose text is that object. */
    public static PollerConfiguration parse(JsonValue value) {
        if (value instanceof JsonString s) {
            return parse(s.getString());
        }
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException(KEY + " must be a JSON object of resource name to resource configuration"
                    + " (or a string holding one), got " + describe(value));
        }
        return parseObject(value.asJsonObject());
    }

    /** Parses the text of a JSON object. */
    public static PollerConfiguration parse(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException(KEY + " is empty; it must be a JSON object of resource name to resource configuration");
        }
        JsonValue parsed;
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            parsed = reader.readValue();
        } catch (JsonParsingException e) {
            throw new IllegalArgumentException(KEY + " is not valid JSON: " + e.getMessage(), e);
        }
        if (parsed.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException(KEY + " must be a JSON object of resource name to resource configuration, got "
                    + describe(parsed));
        }
        return parseObject(parsed.asJsonObject());
    }

    private static PollerConfiguration parseObject(JsonObject object) {
        if (object.isEmpty()) {
            throw new IllegalArgumentException(KEY + " has no resources; configure at least one (e.g. campaigns)");
        }
        if (object.size() > MAX_RESOURCES) {
            throw new IllegalArgumentException(KEY + " has " + object.size() + " resources; at most " + MAX_RESOURCES
                    + " are allowed");
        }
        Map<String, PollerResource> resources = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            String name = entry.getKey();
            if (!RESOURCE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(KEY + " has an invalid resource name '" + name
                        + "'; use 1 to 100 letters, digits, '_', '-' or '.'");
            }
            resources.put(name, parseResource(name, entry.getValue(), KEY + "." + name));
        }
        return new PollerConfiguration(resources);
    }

    private static PollerResource parseResource(String name, JsonValue value, String path) {
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException(path + " must be a JSON object with url, idField and datesConfiguration, got "
                    + describe(value));
        }
        JsonObject resource = value.asJsonObject();
        UrlTemplate url = url(requiredString(resource, "url", path), path + ".url");
        FieldPath idField = fieldPath(requiredString(resource, "idField", path), path + ".idField");

        JsonValue datesValue = present(resource, "datesConfiguration");
        if (datesValue == null) {
            throw new IllegalArgumentException(path + ".datesConfiguration is required (at least its updatedDateField)");
        }
        if (datesValue.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException(path + ".datesConfiguration must be a JSON object, got " + describe(datesValue));
        }
        DatesConfiguration dates = parseDates(datesValue.asJsonObject(), resource, path);

        boolean filterByUpdatedDate = optionalBoolean(resource, "filterByUpdatedDate", path).orElse(true);
        Duration tolerance = optionalSeconds(resource, "createdCheckTolerance", path)
                .orElse(Duration.ofSeconds(DEFAULT_CREATED_CHECK_TOLERANCE_SECONDS));
        int pageSize = optionalPageSize(resource, path).orElse(DEFAULT_PAGE_SIZE);
        Duration pollDelay = optionalSeconds(resource, "pollDelay", path).orElse(Duration.ZERO);
        Map<String, Sweep> sweeps = parseSweeps(present(resource, "sweeps"), path + ".sweeps");
        return new PollerResource(name, url, idField, dates, filterByUpdatedDate, tolerance, pageSize, pollDelay, sweeps);
    }

    private static Map<String, Sweep> parseSweeps(JsonValue value, String path) {
        if (value == null) {
            return Map.of();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException(path + " must be a JSON object of sweep name to sweep, got " + describe(value));
        }
        JsonObject object = value.asJsonObject();
        if (object.size() > MAX_SWEEPS) {
            throw new IllegalArgumentException(path + " has " + object.size() + " sweeps; at most " + MAX_SWEEPS + " are allowed");
        }
        Map<String, Sweep> sweeps = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            String name = entry.getKey();
            if (!RESOURCE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(path + " has an invalid sweep name '" + abbreviate(name)
                        + "'; use 1 to 100 letters, digits, '_', '-' or '.'");
            }
            String sweepPath = path + "." + name;
            if (entry.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException(sweepPath + " must be a JSON object (interval, url, complete, pageSize), got "
                        + describe(entry.getValue()));
            }
            JsonObject sweep = entry.getValue().asJsonObject();
            Duration interval = optionalSeconds(sweep, "interval", sweepPath).orElse(Duration.ofDays(1));
            Optional<UrlTemplate> url = optionalString(sweep, "url", sweepPath).map(u -> url(u, sweepPath + ".url"));
            boolean complete = optionalBoolean(sweep, "complete", sweepPath).orElse(url.isEmpty());
            int pageSize = optionalPageSize(sweep, sweepPath).orElse(MAX_PAGE_SIZE);
            sweeps.put(name, new Sweep(name, interval, url, complete, pageSize));
        }
        return sweeps;
    }

    private static DatesConfiguration parseDates(JsonObject dates, JsonObject resource, String resourcePath) {
        String path = resourcePath + ".datesConfiguration";
        FieldPath updatedField = fieldPath(requiredString(dates, "updatedDateField", path), path + ".updatedDateField");
        String updatedFormat = optionalString(dates, "updatedDateFormat", path)
                .map(f -> dateFormat(f, path + ".updatedDateFormat")).orElse(null);
        ZoneId updatedZone = optionalString(dates, "updatedDateTimezone", path)
                .map(z -> zone(z, path + ".updatedDateTimezone")).orElse(UTC);

        FieldPath createdField = optionalString(dates, "createdDateField", path)
                .map(f -> fieldPath(f, path + ".createdDateField")).orElse(null);
        String createdFormat = optionalString(dates, "createdDateFormat", path)
                .map(f -> dateFormat(f, path + ".createdDateFormat")).orElse(updatedFormat);
        ZoneId createdZone = optionalString(dates, "createdDateTimezone", path)
                .map(z -> zone(z, path + ".createdDateTimezone")).orElse(updatedZone);

        Optional<FieldPath> deletedOutside = optionalString(resource, "deletedDateField", resourcePath)
                .map(f -> fieldPath(f, resourcePath + ".deletedDateField"));
        Optional<FieldPath> deletedInside = optionalString(dates, "deletedDateField", path)
                .map(f -> fieldPath(f, path + ".deletedDateField"));
        if (deletedOutside.isPresent() && deletedInside.isPresent()
                && !deletedOutside.get().segments().equals(deletedInside.get().segments())) {
            throw new IllegalArgumentException(resourcePath + ".deletedDateField '" + deletedOutside.get()
                    + "' contradicts " + path + ".deletedDateField '" + deletedInside.get() + "'; give it once");
        }
        FieldPath deletedField = deletedOutside.or(() -> deletedInside).orElse(null);
        return new DatesConfiguration(updatedField, updatedFormat, updatedZone, createdField, createdFormat, createdZone,
                deletedField);
    }

    /** The configuration written back in its normalized form (every setting explicit); parse(toJson()) equals this. */
    public JsonObject toJson() {
        JsonObjectBuilder root = JSON.createObjectBuilder();
        resources.forEach((name, resource) -> root.add(name, toJson(resource)));
        return root.build();
    }

    private static JsonObject toJson(PollerResource resource) {
        DatesConfiguration dates = resource.datesConfiguration();
        JsonObjectBuilder datesJson = JSON.createObjectBuilder()
                .add("updatedDateField", dates.updatedDateField().text());
        if (dates.updatedDateFormat() != null) {
            datesJson.add("updatedDateFormat", dates.updatedDateFormat());
        }
        datesJson.add("updatedDateTimezone", dates.updatedDateTimezone().getId());
        if (dates.createdDateField() != null) {
            datesJson.add("createdDateField", dates.createdDateField().text());
        }
        if (dates.createdDateFormat() != null) {
            datesJson.add("createdDateFormat", dates.createdDateFormat());
        }
        datesJson.add("createdDateTimezone", dates.createdDateTimezone().getId());
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("url", resource.url().template())
                .add("idField", resource.idField().text())
                .add("datesConfiguration", datesJson);
        if (dates.deletedDateField() != null) {
            json.add("deletedDateField", dates.deletedDateField().text());
        }
        json.add("filterByUpdatedDate", resource.filterByUpdatedDate())
                .add("createdCheckTolerance", seconds(resource.createdCheckTolerance()))
                .add("pageSize", resource.pageSize())
                .add("pollDelay", seconds(resource.pollDelay()));
        if (!resource.sweeps().isEmpty()) {
            JsonObjectBuilder sweeps = JSON.createObjectBuilder();
            resource.sweeps().forEach((name, sweep) -> {
                JsonObjectBuilder s = JSON.createObjectBuilder().add("interval", seconds(sweep.interval()));
                sweep.url().ifPresent(u -> s.add("url", u.template()));
                sweeps.add(name, s.add("complete", sweep.complete()).add("pageSize", sweep.pageSize()));
            });
            json.add("sweeps", sweeps);
        }
        return json.build();
    }

    private static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).stripTrailingZeros();
    }

    private static UrlTemplate url(String url, String path) {
        if (!url.startsWith(HUB_PREFIX)) {
            throw new IllegalArgumentException(path + " '" + abbreviate(url) + "' must be a hub path starting with "
                    + HUB_PREFIX + " (e.g. /hubs/marketing/campaigns?where=...)");
        }
        // encoded dots too: a server decodes %2e%2e to .. before resolving the path
        if (DOT_SEGMENT.matcher(url.replaceAll("(?i)%2e", ".")).find()) {
            throw new IllegalArgumentException(path + " '" + abbreviate(url) + "' must not contain . or .. path segments");
        }
        return UrlTemplate.parse(url, path);
    }

    private static FieldPath fieldPath(String text, String path) {
        try {
            return FieldPath.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + " " + e.getMessage(), e);
        }
    }

    private static String dateFormat(String format, String path) {
        if (format.isBlank()) {
            throw new IllegalArgumentException(path + " is blank; give a SimpleDateFormat pattern or " + DatesConfiguration.MILLISECONDS);
        }
        if (format.equalsIgnoreCase(DatesConfiguration.MILLISECONDS)) {
            return DatesConfiguration.MILLISECONDS;
        }
        try {
            new SimpleDateFormat(format, Locale.US);
            return format;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + " '" + Abbreviation.of(format) + "' is not a valid date pattern: " + e.getMessage()
                    + " (use a java.text.SimpleDateFormat pattern or " + DatesConfiguration.MILLISECONDS + ")", e);
        }
    }

    private static ZoneId zone(String zone, String path) {
        try {
            return ZoneId.of(zone.strip(), ZoneId.SHORT_IDS);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(path + " '" + Abbreviation.of(zone) + "' is not a known time zone id"
                    + " (e.g. UTC, Europe/Berlin, America/New_York, +02:00)", e);
        }
    }

    /** The member, or null when it is absent or JSON null. */
    private static JsonValue present(JsonObject object, String key) {
        JsonValue value = object.get(key);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    private static String requiredString(JsonObject object, String key, String path) {
        return optionalString(object, key, path)
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalArgumentException(path + "." + key + " is required"));
    }

    private static Optional<String> optionalString(JsonObject object, String key, String path) {
        JsonValue value = present(object, key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof JsonString s) {
            return Optional.of(s.getString());
        }
        throw new IllegalArgumentException(path + "." + key + " must be a string, got " + describe(value));
    }

    private static Optional<Boolean> optionalBoolean(JsonObject object, String key, String path) {
        JsonValue value = present(object, key);
        if (value == null) {
            return Optional.empty();
        }
        if (value == JsonValue.TRUE || value.getValueType() == JsonValue.ValueType.TRUE) {
            return Optional.of(true);
        }
        if (value == JsonValue.FALSE || value.getValueType() == JsonValue.ValueType.FALSE) {
            return Optional.of(false);
        }
        if (value instanceof JsonString s) {
            String text = s.getString().strip();
            if (text.equalsIgnoreCase("true")) {
                return Optional.of(true);
            }
            if (text.equalsIgnoreCase("false")) {
                return Optional.of(false);
            }
        }
        throw new IllegalArgumentException(path + "." + key + " must be true or false, got " + describe(value));
    }

    private static Optional<BigDecimal> optionalNumber(JsonObject object, String key, String path) {
        JsonValue value = present(object, key);
        if (value == null) {
            return Optional.empty();
        }
        // range-checked before any conversion: "1e999999999" must never reach toPlainString or longValue
        String text = value instanceof JsonNumber n ? n.toString() : value instanceof JsonString s ? s.getString() : null;
        Optional<BigDecimal> number = BoundedDecimal.parse(text);
        if (number.isEmpty()) {
            throw new IllegalArgumentException(path + "." + key + " must be a number" + (BoundedDecimal.isNumber(text)
                    ? " of at most " + BoundedDecimal.MAX_LENGTH + " digits with an exponent within " + BoundedDecimal.MAX_SCALE
                    : "") + ", got " + describe(value));
        }
        return number;
    }

    private static Optional<Duration> optionalSeconds(JsonObject object, String key, String path) {
        return optionalNumber(object, key, path).map(seconds -> {
            if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(MAX_SECONDS_SETTING.toSeconds())) > 0) {
                throw new IllegalArgumentException(path + "." + key + " must be between 0 and "
                        + MAX_SECONDS_SETTING.toSeconds() + " seconds, got " + BoundedDecimal.describe(seconds));
            }
            return Duration.ofMillis(seconds.movePointRight(3).longValue());
        });
    }

    private static Optional<Integer> optionalPageSize(JsonObject object, String path) {
        return optionalNumber(object, "pageSize", path).map(size -> {
            if (size.stripTrailingZeros().scale() > 0 || size.signum() <= 0 || size.compareTo(BigDecimal.valueOf(MAX_PAGE_SIZE)) > 0) {
                throw new IllegalArgumentException(path + ".pageSize must be a whole number from 1 to " + MAX_PAGE_SIZE
                        + ", got " + BoundedDecimal.describe(size));
            }
            return size.intValueExact();
        });
    }

    private static String describe(JsonValue value) {
        if (value == null) {
            return "nothing";
        }
        String text = abbreviate(value.toString());
        return switch (value.getValueType()) {
            case TRUE, FALSE, NULL -> text;
            default -> value.getValueType().name().toLowerCase(Locale.ROOT) + " " + text;
        };
    }

    private static String abbreviate(String text) {
        return Abbreviation.of(text);
    }
}
