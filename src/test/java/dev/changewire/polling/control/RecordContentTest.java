package dev.changewire.polling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class RecordContentTest {

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Test
    void theSameRecordHashesTheSameWhateverItsKeyOrder() {
        String a = RecordContent.hash(json("{\"id\":\"1\",\"name\":\"x\",\"address\":{\"city\":\"a\",\"zip\":\"1\"}}"));
        String b = RecordContent.hash(json("{\"address\":{\"zip\":\"1\",\"city\":\"a\"},\"name\":\"x\",\"id\":\"1\"}"));
        assertEquals(a, b);
        assertEquals(64, a.length());
        assertTrue(a.matches("[0-9a-f]{64}"));
    }

    @Test
    void anyContentChangeChangesTheHash() {
        String base = RecordContent.hash(json("{\"id\":\"1\",\"name\":\"x\",\"tags\":[\"a\",\"b\"],\"n\":1}"));
        assertNotEquals(base, RecordContent.hash(json("{\"id\":\"1\",\"name\":\"y\",\"tags\":[\"a\",\"b\"],\"n\":1}")));
        assertNotEquals(base, RecordContent.hash(json("{\"id\":\"1\",\"name\":\"x\",\"tags\":[\"b\",\"a\"],\"n\":1}")));
        assertNotEquals(base, RecordContent.hash(json("{\"id\":\"1\",\"name\":\"x\",\"tags\":[\"a\",\"b\"],\"n\":2}")));
        assertNotEquals(base, RecordContent.hash(json("{\"id\":\"1\",\"name\":\"x\",\"tags\":[\"a\",\"b\"],\"n\":\"1\"}")),
                "a string and a number are different content");
        assertNotEquals(base, RecordContent.hash(json("{\"id\":\"1\",\"name\":\"x\",\"tags\":[\"a\",\"b\"],\"n\":1,\"extra\":null}")));
    }

    @Test
    void fieldsThatChangeOnEveryReadAreLeftOutAtAnyDepth() {
        String base = RecordContent.hash(json("{\"list_id\":\"1\",\"name\":\"x\",\"inner\":{\"v\":1}}"));
        assertEquals(base, RecordContent.hash(json(
                "{\"list_id\":\"1\",\"name\":\"x\",\"membership_count\":7,\"_links\":{\"self\":{\"href\":\"/x?c=1\"}},"
                        + "\"inner\":{\"v\":1,\"contact_count\":3}}")));
    }

    @Test
    void aHostileDepthStillHashes() {
        String deep = "{\"a\":".repeat(500) + "1" + "}".repeat(500);
        assertEquals(64, RecordContent.hash(json(deep)).length());
    }
}
