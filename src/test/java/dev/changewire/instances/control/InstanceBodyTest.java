package dev.changewire.instances.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.instances.SeedBodies;
import dev.changewire.instances.control.InstanceValidator.Authentication;
import dev.changewire.platform.control.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing and configuration value coercion (string, number, boolean, object, JSON string). */
class InstanceBodyTest {

    @Test
    void parsesTheSeedApiBodyWithItsPlaceholdersFilled() {
        InstanceDraft d = InstanceBody.parse(SeedBodies.apiBody("the-code", "cid", "csecret", "https://app.example/cb", "0.5", "mytag", "My instance"));
        assertEquals("constantcontact", d.elementKey());
        assertEquals("My instance", d.name());
        assertEquals(List.of("mytag"), d.tags());
        assertEquals("the-code", d.code());
        assertEquals("true", d.configuration().get("event.notification.enabled"));
        assertEquals("0.5", d.configuration().get("event.poller.refresh_interval"));
        JsonObject poller = Json.createReader(new StringReader(d.configuration().get("event.poller.configuration"))).readObject();
        assertEquals("id", poller.getJsonObject("campaigns").getString("idField"));
        assertEquals("/hubs/marketing/campaigns?where=modified_since='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'",
                poller.getJsonObject("campaigns").getString("url"));
        InstanceValidator.validate(d.name(), d.tags(), d.configuration(), Authentication.CODE);
    }

    @Test
    void coercesEveryValueTypeToText() {
        InstanceDraft d = InstanceBody.parse("""
                {"name":"n","configuration":{"s":"text","i":15,"d":0.5,"t":true,"f":false,"o":{"a":{"b":1}},"n":null,"a":[1,"x"]}}""");
        Map<String, String> c = d.configuration();
        assertEquals("text", c.get("s"));
        assertEquals("15", c.get("i"));
        assertEquals("0.5", c.get("d"));
        assertEquals("true", c.get("t"));
        assertEquals("false", c.get("f"));
        assertEquals("{\"a\":{\"b\":1}}", c.get("o"));
        assertTrue(c.containsKey("n"));
        assertNull(c.get("n"));
        assertEquals("[1,\"x\"]", c.get("a"));
    }

    @Test
    void theSameInstanceGivenWithStringsNumbersBooleansAndAJsonStringValidates() {
        String printed = SeedBodies.exampleBodyAsPrinted();
        JsonObject seed = Json.createReader(new StringReader(printed)).readObject();
        String pollerAsString = Json.createValue(seed.getJsonObject("configuration").getJsonObject("event.poller.configuration").toString()).toString();
        String variant = printed
                .replace("\"event.notification.enabled\":true", "\"event.notification.enabled\":\"true\"")
                .replace("\"event.poller.refresh_interval\":\"15\"", "\"event.poller.refresh_interval\":15");
        int start = variant.indexOf("\"event.poller.configuration\":") + "\"event.poller.configuration\":".length();
        int end = variant.indexOf("\n  },\n  \"tags\"");
        variant = variant.substring(0, start) + pollerAsString + variant.substring(end);
        InstanceDraft d = InstanceBody.parse(variant);
        assertEquals("true", d.configuration().get("event.notification.enabled"));
        assertEquals("15", d.configuration().get("event.poller.refresh_interval"));
        assertTrue(d.configuration().get("event.poller.configuration").contains("campaigns"));
        InstanceValidator.validate(d.name(), d.tags(), d.configuration(), Authentication.CODE);
    }

    @Test
    void malformedBodiesAreClearFourHundreds() {
        assertTrue(assertThrows(ApiException.class, () -> InstanceBody.parse("{\"name\":")).getMessage().contains("is not valid JSON"));
        assertTrue(assertThrows(ApiException.class, () -> InstanceBody.parse("[]")).getMessage().contains("must be a JSON object"));
        assertTrue(assertThrows(ApiException.class, () -> InstanceBody.parse("")).getMessage().contains("request body is empty"));
        assertTrue(assertThrows(ApiException.class, () -> InstanceBody.parse("{\"name\":5}")).getMessage().contains("name must be a string"));
        assertTrue(assertThrows(ApiException.class, () -> InstanceBody.parse("{\"tags\":\"x\"}")).getMessage().contains("tags must be an array"));
        assertTrue(assertThrows(ApiException.class, () -> InstanceBody.parse("{\"tags\":[1]}")).getMessage().contains("tags[0] must be a string"));
        assertTrue(assertThrows(ApiException.class, () -> InstanceBody.parse("{\"configuration\":[]}")).getMessage().contains("configuration must be"));
        assertTrue(assertThrows(ApiException.class, () -> InstanceBody.parse("{\"externalAuthentication\":\"later\"}"))
                .getMessage().contains("externalAuthentication"));
    }

    @Test
    void anUnknownElementIsA404NamingTheKnownOnes() {
        ApiException e = assertThrows(ApiException.class, () -> InstanceBody.parse("{\"element\":{\"key\":\"mailchimp\"}}"));
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("mailchimp") && e.getMessage().contains("constantcontact"), e.getMessage());
    }

    @Test
    void duplicateTagsCollapse() {
        assertEquals(List.of("a", "b"), InstanceBody.parse("{\"tags\":[\"a\",\"b\",\"a\"]}").tags());
        assertNull(InstanceBody.parse("{}").tags());
        assertFalse(InstanceBody.parse("{}").hasCode());
    }
}
