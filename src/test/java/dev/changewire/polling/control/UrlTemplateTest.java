package dev.changewire.polling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlTemplateTest {

    static final Instant T = Instant.parse("2026-11-27T13:05:09.123456Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void seedUrlEndsThePlaceholderAtTheFirstBraceAndKeepsTheLiteralQuotes() {
        UrlTemplate url = UrlTemplate.parse("/hubs/marketing/campaigns?where=modified_since='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'");
        assertEquals("/hubs/marketing/campaigns?where=modified_since='2026-11-27T13%3A05%3A09Z'", url.expand(T));
        assertEquals("modified_since='2026-11-27T13:05:09Z'", URI.create(url.expand(T)).getQuery().substring("where=".length()));
    }

    @Test
    void gmtDateIgnoresTheInstanceTimeZone() {
        UrlTemplate url = UrlTemplate.parse("/hubs/marketing/contacts?where=modified_since='${gmtDate:yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}'");
        String expected = "/hubs/marketing/contacts?where=modified_since='2026-11-27T13%3A05%3A09.123Z'";
        assertEquals(expected, url.expand(T, ZoneOffset.UTC));
        assertEquals(expected, url.expand(T, NEW_YORK));
        assertEquals(expected, url.expand(T, BERLIN));
    }

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // the DST switch in Berlin is at 2026-03-29T01:00:00Z (+01:00 -> +02:00)
            "2026-03-29T00:59:59Z | Europe/Berlin    | 2026-03-29 01:59:59 +0100",
            "2026-03-29T01:00:00Z | Europe/Berlin    | 2026-03-29 03:00:00 +0200",
            "2026-11-27T13:05:09Z | America/New_York | 2026-11-27 08:05:09 -0500",
            "2026-07-01T13:05:09Z | America/New_York | 2026-07-01 09:05:09 -0400",
            "2026-07-01T13:05:09Z | UTC              | 2026-07-01 13:05:09 +0000",
    })
    void datePatternUsesTheConfiguredZoneAndDecodesBackToTheFormattedText(String instant, String zone, String formatted) {
        UrlTemplate url = UrlTemplate.parse("/hubs/x?since=${date:yyyy-MM-dd HH:mm:ss Z}&page=1");
        String expanded = url.expand(Instant.parse(instant), ZoneId.of(zone));
        assertEquals("/hubs/x?since=" + formatted.replace(" ", "%20").replace(":", "%3A").replace("+", "%2B") + "&page=1", expanded);
        assertEquals("since=" + formatted + "&page=1", URI.create(expanded).getQuery());
    }

    @ParameterizedTest(name = "bare date at {0} in {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "2026-11-27T13:05:09.999Z | UTC              | 2026-11-27T13:05:09Z",
            "2026-11-27T13:05:09Z     | America/New_York | 2026-11-27T08:05:09-05:00",
            "2026-03-29T00:30:00Z     | Europe/Berlin    | 2026-03-29T01:30:00+01:00",
            "2026-03-29T01:30:00Z     | Europe/Berlin    | 2026-03-29T03:30:00+02:00",
    })
    void bareDateIsIsoWithOffsetTruncatedToTheSecond(String instant, String zone, String iso) {
        String expanded = UrlTemplate.parse("/hubs/x?since=${date}").expand(Instant.parse(instant), ZoneId.of(zone));
        assertEquals("since=" + iso, URI.create(expanded).getQuery());
        assertTrue(expanded.substring("/hubs/x?since=".length()).matches("[A-Za-z0-9._~%-]+"), expanded);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "${epoch},    1795784709123",
            "${epoch:ms}, 1795784709123",
            "${epoch:s},  1795784709",
            "${epoch:us}, 1795784709123456",
    })
    void epochForms(String placeholder, String expected) {
        assertEquals("/hubs/x?since=" + expected, UrlTemplate.parse("/hubs/x?since=" + placeholder).expand(T, BERLIN));
    }

    @Test
    void epochSecondsRoundDownBeforeNineteenSeventy() {
        assertEquals("-2", UrlTemplate.parse("${epoch:s}").expand(Instant.ofEpochMilli(-1500)));
    }

    @Test
    void severalPlaceholdersAndPlainDollarSigns() {
        UrlTemplate url = UrlTemplate.parse("/hubs/x?a=${epoch:s}&b=${gmtDate:yyyy}&price=$5&c=${date:HH}");
        assertEquals("/hubs/x?a=1795784709&b=2026&price=$5&c=14", url.expand(T, BERLIN));
    }

    @Test
    void literalTextIsKeptButCharactersNoUriMayHoldAreEncoded() {
        UrlTemplate url = UrlTemplate.parse("/hubs/x?where=updated >= '${gmtDate:yyyy-MM-dd}' AND name = 'Zoë'&q=%27ok%27&p=100%");
        String expanded = url.expand(T);
        assertEquals("/hubs/x?where=updated%20>=%20'2026-11-27'%20AND%20name%20=%20'Zo%C3%AB'&q=%27ok%27&p=100%25"
                .replace(">", "%3E"), expanded);
        assertEquals("where=updated >= '2026-11-27' AND name = 'Zoë'&q='ok'&p=100%", URI.create(expanded).getQuery());
    }

    @Test
    void valuesWithQuotesAndNonAsciiAreEncoded() {
        String expanded = UrlTemplate.parse("/hubs/x?d=${date:EEEE ''yy}").expand(T, ZoneOffset.UTC);
        assertEquals("/hubs/x?d=Friday%20%2726", expanded);
    }

    @Test
    void equalityFollowsTheTemplateText() {
        assertEquals(UrlTemplate.parse("/hubs/a?x=${epoch}"), UrlTemplate.parse("/hubs/a?x=${epoch}"));
        assertEquals("/hubs/a?x=${epoch}", UrlTemplate.parse("/hubs/a?x=${epoch}").template());
    }

    @ParameterizedTest
    @ValueSource(strings = {"${foo}", "${gmtdate:yyyy}", "${epoch:ns}", "${Date}", "${}", "${ date}"})
    void unknownPlaceholdersAreRefusedNamingThemAndTheKnownOnes(String placeholder) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> UrlTemplate.parse("/hubs/x?since=" + placeholder, "event.poller.configuration.campaigns.url"));
        assertEquals("event.poller.configuration.campaigns.url has an unknown placeholder " + placeholder
                + "; known: ${gmtDate:<pattern>}, ${date:<pattern>}, ${date}, ${epoch}, ${epoch:ms}, ${epoch:s}, ${epoch:us}",
                e.getMessage());
    }

    @Test
    void invalidDatePatternIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> UrlTemplate.parse("/hubs/x?s=${gmtDate:yyyy-MM-ddQ}"));
        assertEquals("url has an invalid date pattern 'yyyy-MM-ddQ' in ${gmtDate:yyyy-MM-ddQ}: Illegal pattern character 'Q'",
                e.getMessage());
        var quote = assertThrows(IllegalArgumentException.class, () -> UrlTemplate.parse("/hubs/x?s=${date:yyyy'T}"));
        assertTrue(quote.getMessage().startsWith("url has an invalid date pattern 'yyyy'T' in ${date:yyyy'T}: "), quote.getMessage());
    }

    @Test
    void emptyPatternUnterminatedPlaceholderBlankAndOverlongTemplatesAreRefused() {
        assertEquals("url has an empty date pattern in ${date:}",
                assertThrows(IllegalArgumentException.class, () -> UrlTemplate.parse("/hubs/x?s=${date:}")).getMessage());
        assertEquals("url has an unterminated placeholder at position 10 ('${gmtDate:yyyy'); a placeholder ends with }",
                assertThrows(IllegalArgumentException.class, () -> UrlTemplate.parse("/hubs/x?s=${gmtDate:yyyy")).getMessage());
        assertEquals("url is required", assertThrows(IllegalArgumentException.class, () -> UrlTemplate.parse(" ")).getMessage());
        String longUrl = "/hubs/" + "a".repeat(UrlTemplate.MAX_LENGTH);
        assertEquals("url is " + longUrl.length() + " characters long; at most 2048 are allowed",
                assertThrows(IllegalArgumentException.class, () -> UrlTemplate.parse(longUrl)).getMessage());
    }
}
