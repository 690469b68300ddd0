package dev.changewire.hubs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.platform.control.ApiException;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class ProjectionTest {

    private static final JsonObject CONTACT = CeqlEvaluatorTest.json("""
            {"id":"c-1","first_name":"Jane","job_title":null,
             "email_address":{"address":"jane@example.com","permission_to_send":"implicit"},
             "taggings":["t-1"]}
            """);

    @Test
    void keepsTheNamedFieldsNested() {
        assertEquals(CeqlEvaluatorTest.json("""
                {"id":"c-1","email_address":{"address":"jane@example.com"},"job_title":null}
                """), Projection.parse("id, `email_address.address`,job_title,missing,email_address.missing").apply(CONTACT));
    }

    @Test
    void aParentKeepsItsWholeValue() {
        JsonObject expected = CeqlEvaluatorTest.json("""
                {"email_address":{"address":"jane@example.com","permission_to_send":"implicit"},"taggings":["t-1"]}
                """);
        assertEquals(expected, Projection.parse("email_address.address,email_address,taggings").apply(CONTACT));
        assertEquals(expected, Projection.parse("email_address,email_address.address,taggings").apply(CONTACT));
    }

    @Test
    void pathsThroughScalarsAndArraysFindNothing() {
        assertEquals(CeqlEvaluatorTest.json("{}"), Projection.parse("first_name.x,taggings.x").apply(CONTACT));
    }

    @Test
    void blankMeansEveryField() {
        assertTrue(Projection.parse(null).isAll());
        assertSame(CONTACT, Projection.parse(" ").apply(CONTACT));
    }

    @Test
    void refusesBadInput() {
        assertEquals("fields: empty field name in 'id,,name'",
                assertThrows(ApiException.class, () -> Projection.parse("id,,name")).getMessage());
        assertEquals("fields: 'first name' is not a field name (letters, digits, '_' and '.'; put other names in backticks)",
                assertThrows(ApiException.class, () -> Projection.parse("first name")).getMessage());
        assertEquals("fields: longer than 4096 characters",
                assertThrows(ApiException.class, () -> Projection.parse("a".repeat(4097))).getMessage());
        assertEquals("fields: more than 200 fields",
                assertThrows(ApiException.class, () -> Projection.parse("a,".repeat(200) + "a")).getMessage());
    }
}
