package dev.changewire.instances.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.instances.SeedBodies;
import dev.changewire.instances.control.InstanceValidator.Authentication;
import dev.changewire.notifications.control.CallbackAddressGuard;
import dev.changewire.notifications.control.CallbackConfigurationRule;
import dev.changewire.notifications.control.CallbackRequestBuilder;
import dev.changewire.notifications.control.CallbackSigner;
import dev.changewire.notifications.control.StandardWebhooksSigner;
import dev.changewire.platform.control.ApiException;
import dev.changewire.polling.control.PollingConfigurationRule;
import dev.changewire.polling.control.RefreshInterval;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstanceValidatorTest {

    /** The rules of polling and notifications as the server runs them; the guard resolves no host (DNS may follow). */
    static final ConfigurationRules RULES = new ConfigurationRules(List.of(
            new PollingConfigurationRule(Duration.ofMillis(1)),
            new CallbackConfigurationRule(new CallbackAddressGuard(host -> {
                throw new UnknownHostException(host);
            }, false), new CallbackRequestBuilder(new CallbackSigner(), new StandardWebhooksSigner()), new StandardWebhooksSigner())));

    /** What saving an instance checks: the validator, then every component's rule. */
    static void validate(String name, List<String> tags, Map<String, String> c, Authentication authentication) {
        InstanceValidator.validate(name, tags, c, authentication);
        RULES.check(c);
    }

    static Map<String, String> seedConfiguration() {
        return new LinkedHashMap<>(InstanceBody.parse(SeedBodies.exampleBodyAsPrinted()).configuration());
    }

    static ApiException rejected(Consumer<Map<String, String>> change) {
        Map<String, String> c = seedConfiguration();
        change.accept(c);
        return assertThrows(ApiException.class, () -> validate("name", List.of("Test"), c, Authentication.CODE));
    }

    static void assertRejected(String expectedKeyInMessage, Consumer<Map<String, String>> change) {
        ApiException e = rejected(change);
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains(expectedKeyInMessage), () -> "'" + e.getMessage() + "' should name " + expectedKeyInMessage);
    }

    @Test
    void acceptsTheSeedExample() {
        validate("API_Polling", List.of("Test"), seedConfiguration(), Authentication.CODE);
    }

    @Test
    void nameIsRequiredAndBounded() {
        Map<String, String> c = seedConfiguration();
        assertTrue(assertThrows(ApiException.class, () -> validate(null, List.of(), c, Authentication.CODE))
                .getMessage().contains("name is required"));
        assertTrue(assertThrows(ApiException.class, () -> validate("  ", List.of(), c, Authentication.CODE))
                .getMessage().contains("name is required"));
        assertTrue(assertThrows(ApiException.class, () -> validate("n".repeat(256), List.of(), c, Authentication.CODE))
                .getMessage().contains("name is longer"));
    }

    @Test
    void tagsAreBounded() {
        Map<String, String> c = seedConfiguration();
        ApiException tooLong = assertThrows(ApiException.class,
                () -> validate("n", List.of("ok", "t".repeat(256)), c, Authentication.CODE));
        assertTrue(tooLong.getMessage().contains("tags[1]"), tooLong.getMessage());
        validate("n", List.of("t".repeat(255)), c, Authentication.CODE);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add("t" + i);
        }
        assertTrue(assertThrows(ApiException.class, () -> validate("n", many, c, Authentication.CODE))
                .getMessage().contains("at most 100"));
        assertTrue(assertThrows(ApiException.class, () -> validate("n", Collections.singletonList(""), c, Authentication.CODE))
                .getMessage().contains("tags[0] is empty"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"15", "0.5", "1.25", " 15 ", "PT30S", "PT1H", "P1D"})
    void refreshIntervalAcceptsMinutesAndIsoDurations(String value) {
        Map<String, String> c = seedConfiguration();
        c.put("event.poller.refresh_interval", value);
        validate("n", List.of(), c, Authentication.CODE);
    }

    @Test
    void refreshIntervalConvertsToADuration() {
        assertEquals(Duration.ofSeconds(30), RefreshInterval.parse("0.5"));
        assertEquals(Duration.ofMinutes(15), RefreshInterval.parse("15"));
        assertEquals(Duration.ofSeconds(30), RefreshInterval.parse("PT30S"));
    }

    /** The API refuses what the poller would refuse: it runs at most once a week (issue 12: 20160 was accepted, then never polled). */
    @ParameterizedTest
    @ValueSource(strings = {"20160", "10080.5", "P8D", "PT169H"})
    void refreshIntervalLongerThanThePollerRunsIsRefused(String value) {
        assertRejected("event.poller.refresh_interval '" + value + "' is longer than the maximum of 10080 minutes",
                c -> c.put("event.poller.refresh_interval", value));
        Map<String, String> c = seedConfiguration();
        c.put("event.poller.refresh_interval", "10080");
        validate("n", List.of(), c, Authentication.CODE);
    }

    /** Flags are true or false everywhere: {@code event.notification.ordered} used to read "no" as true. */
    @ParameterizedTest
    @ValueSource(strings = {"no", "0", "yes", "off"})
    void orderedIsTrueOrFalse(String value) {
        assertRejected("event.notification.ordered must be true or false", c -> c.put("event.notification.ordered", value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "abc", "15m", "PT0S", "-PT1M", "NaN", "Infinity", "999999999"})
    void refreshIntervalRejectsOthers(String value) {
        assertRejected("event.poller.refresh_interval", c -> c.put("event.poller.refresh_interval", value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mycoolapp.com", "ftp://mycoolapp.com", "/relative", "http://", "http://exa mple.com", "javascript:alert(1)"})
    void callbackUrlsMustBeAbsoluteHttp(String value) {
        assertRejected("event.notification.callback.url", c -> c.put("event.notification.callback.url", value));
        assertRejected("oauth.callback.url", c -> c.put("oauth.callback.url", value));
    }

    @Test
    void eventsEnabledNeedsACallbackUrl() {
        assertRejected("event.notification.callback.url is required", c -> c.remove("event.notification.callback.url"));
        assertRejected("event.notification.enabled must be true or false", c -> c.put("event.notification.enabled", "yes"));
        Map<String, String> c = seedConfiguration();
        c.remove("event.notification.callback.url");
        c.put("event.notification.enabled", "false");
        validate("n", List.of(), c, Authentication.CODE);
    }

    @Test
    void pollerConfigurationMustBeResourcesWithUrlAndIdField() {
        assertRejected("event.poller.configuration must be a JSON object", c -> c.put("event.poller.configuration", "[1,2]"));
        assertRejected("event.poller.configuration is not valid JSON", c -> c.put("event.poller.configuration", "{campaigns"));
        assertRejected("event.poller.configuration.campaigns must be a JSON object", c -> c.put("event.poller.configuration", "{\"campaigns\":\"x\"}"));
        assertRejected("event.poller.configuration.campaigns.url is required",
                c -> c.put("event.poller.configuration", "{\"campaigns\":{\"idField\":\"id\",\"datesConfiguration\":{\"updatedDateField\":\"u\"}}}"));
        assertRejected("event.poller.configuration.campaigns.idField is required",
                c -> c.put("event.poller.configuration", "{\"campaigns\":{\"url\":\"/hubs/marketing/campaigns\",\"datesConfiguration\":{\"updatedDateField\":\"u\"}}}"));
    }

    @Test
    void pollerConfigurationAsADoublyEncodedStringIsAccepted() {
        Map<String, String> c = seedConfiguration();
        String object = c.get("event.poller.configuration");
        c.put("event.poller.configuration", jakarta.json.Json.createValue(object).toString());
        validate("n", List.of(), c, Authentication.CODE);
    }

    @Test
    void datePatternsMustParse() {
        assertRejected("datesConfiguration.updatedDateFormat",
                c -> c.put("event.poller.configuration", c.get("event.poller.configuration").replace(
                        "\"updatedDateFormat\":\"yyyy-MM-dd'T'HH:mm:ss'Z'\"", "\"updatedDateFormat\":\"yyyy-MM-dd'T'HH:mm:ss'Z\"")));
        assertRejected("datesConfiguration.createdDateFormat",
                c -> c.put("event.poller.configuration", c.get("event.poller.configuration").replace(
                        "\"createdDateFormat\":\"yyyy-MM-dd'T'HH:mm:ss'Z'\"", "\"createdDateFormat\":\"bogus pattern q\"")));
        Map<String, String> c = seedConfiguration();
        c.put("event.poller.configuration", c.get("event.poller.configuration").replace(
                "\"createdDateFormat\":\"yyyy-MM-dd'T'HH:mm:ss'Z'\"", "\"createdDateFormat\":\"milliseconds\""));
        validate("n", List.of(), c, Authentication.CODE);
        assertRejected("updatedDateTimezone", d -> d.put("event.poller.configuration",
                "{\"c\":{\"url\":\"/hubs/marketing/x\",\"idField\":\"id\",\"datesConfiguration\":{\"updatedDateField\":\"u\",\"updatedDateTimezone\":\"Mars/Olympus\"}}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"${date}", "${epoch}", "${epoch:s}", "${epoch:us}", "${date:yyyy-MM-dd}", "${gmtDate:yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}"})
    void knownPlaceholdersAreAccepted(String placeholder) {
        Map<String, String> c = seedConfiguration();
        c.put("event.poller.configuration", "{\"contacts\":{\"url\":\"/hubs/marketing/contacts?where=updated_after='" + placeholder
                + "'\",\"idField\":\"contact_id\",\"datesConfiguration\":{\"updatedDateField\":\"updated_at\"}}}");
        validate("n", List.of(), c, Authentication.CODE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"${now}", "${epoch:ns}", "${gmtDate:}", "${gmtDate:qqq}", "${date", "${}"})
    void unknownPlaceholdersAreRejected(String placeholder) {
        assertRejected("event.poller.configuration.contacts.url", c -> c.put("event.poller.configuration",
                "{\"contacts\":{\"url\":\"/hubs/marketing/contacts?where=x='" + placeholder + "'\",\"idField\":\"contact_id\",\"datesConfiguration\":{\"updatedDateField\":\"updated_at\"}}}"));
    }

    @Test
    void aCodeNeedsTheClientCredentialsAndCallback() {
        assertRejected("oauth.api.key", c -> c.remove("oauth.api.key"));
        assertRejected("oauth.api.secret", c -> c.put("oauth.api.secret", " "));
        assertRejected("oauth.callback.url", c -> c.remove("oauth.callback.url"));
        Map<String, String> c = seedConfiguration();
        c.remove("oauth.callback.url");
        validate("n", List.of(), c, Authentication.EXISTING);
    }

    @Test
    void externalAuthenticationNeedsARefreshToken() {
        Map<String, String> c = seedConfiguration();
        ApiException e = assertThrows(ApiException.class, () -> validate("n", List.of(), c, Authentication.EXTERNAL_REFRESH_TOKEN));
        assertTrue(e.getMessage().contains("oauth.user.refresh_token"), e.getMessage());
        c.put("oauth.user.refresh_token", "r");
        validate("n", List.of(), c, Authentication.EXTERNAL_REFRESH_TOKEN);
    }

    @Test
    void otherKeys() {
        assertRejected("event.vendor.type", c -> c.put("event.vendor.type", "webhook"));
        assertRejected("event.notification.callback.headers", c -> c.put("event.notification.callback.headers", "X-A: b"));
        Map<String, String> c = seedConfiguration();
        c.put("event.notification.callback.headers", "{\"X-Api-Key\":\"abc\"}");
        c.put("event.vendor.type", "polling");
        validate("n", List.of(), c, Authentication.CODE);
        assertRejected("configuration key", d -> d.put("k".repeat(256), "v"));
    }
}
