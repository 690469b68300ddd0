package dev.changewire.hubs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CeqlEvaluatorTest {

    private static final JsonObject CONTACT = json("""
            {
              "id": "c-1",
              "contact_id": "c-1",
              "first_name": "Jane",
              "last_name": "O'Hara",
              "job_title": null,
              "email_address": {"address": "jane@example.com", "permission_to_send": "implicit"},
              "score": 42,
              "ratio": 0.5,
              "zip": "02134",
              "vip": true,
              "opted": "false",
              "taggings": ["t-1", "t-2"],
              "list_memberships": [],
              "created_date": "2020-01-01T00:00:00Z",
              "modified_date": "2021-06-15T12:30:00.250Z",
              "status": "implicit"
            }
            """);

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            first_name = 'Jane'                                   | true
            first_name = 'jane'                                   | false
            first_name != 'Jane'                                  | false
            first_name != 'Bob'                                   | true
            first_name < 'K'                                      | true
            first_name > 'K'                                      | false
            first_name >= 'Jane'                                  | true
            first_name <= 'Jan'                                   | false
            last_name = 'O''Hara'                                 | true
            `email_address.address` = 'jane@example.com'          | true
            email_address.address = 'jane@example.com'            | true
            email_address.permission_to_send = 'implicit'         | true
            email_address.nothing = 'x'                           | false
            first_name.deeper = 'x'                               | false
            score = 42                                            | true
            score = 42.0                                          | true
            score > 41.99                                         | true
            score < 42                                            | false
            score <= 42                                           | true
            score != 42                                           | false
            score = '42'                                          | true
            score = 'forty-two'                                   | false
            score != 'forty-two'                                  | true
            ratio < 1                                             | true
            zip = 2134                                            | true
            zip = '2134'                                          | false
            vip = true                                            | true
            vip = false                                           | false
            vip != false                                          | true
            vip = 'TRUE'                                          | true
            vip > false                                           | true
            opted = false                                         | true
            vip = 1                                               | false
            first_name = true                                     | false
            email_address = 'x'                                   | false
            email_address != 'x'                                  | true
            taggings = 't-2'                                      | true
            taggings = 't-3'                                      | false
            taggings != 't-2'                                     | false
            taggings != 't-3'                                     | true
            taggings IN ('t-9', 't-1')                            | true
            taggings LIKE 't-%'                                   | true
            list_memberships = 'x'                                | false
            list_memberships != 'x'                               | true
            list_memberships IS NULL                              | false
            first_name LIKE 'J%'                                  | true
            first_name LIKE 'j_n_'                                | true
            first_name LIKE '%ANE'                                | true
            first_name LIKE 'J_n'                                 | false
            first_name NOT LIKE 'B%'                              | true
            first_name NOT LIKE 'J%'                              | false
            email_address.address LIKE '%@example.com'           | true
            score LIKE '4%'                                       | true
            vip LIKE 'tr%'                                        | true
            email_address LIKE '%'                                | false
            first_name IN ('Bob', 'Jane')                         | true
            first_name IN ('Bob', 'Alice')                        | false
            first_name NOT IN ('Bob', 'Alice')                    | true
            first_name NOT IN ('Jane')                            | false
            score IN (1, 42)                                      | true
            score IN ('42')                                       | true
            score NOT IN (1, 2)                                   | true
            vip IN (true)                                         | true
            job_title IS NULL                                     | true
            job_title IS NOT NULL                                 | false
            missing IS NULL                                       | true
            missing IS NOT NULL                                   | false
            first_name IS NULL                                    | false
            first_name IS NOT NULL                                | true
            email_address IS NOT NULL                             | true
            job_title = 'x'                                       | false
            job_title != 'x'                                      | false
            missing != 'x'                                        | false
            missing < 3                                           | false
            missing NOT IN ('x')                                  | false
            missing NOT LIKE 'x'                                  | false
            job_title LIKE '%'                                    | false
            created_date = '2020-01-01'                           | true
            created_date = '2020-01-01T00:00:00.000Z'             | true
            created_date = '2020-01-01T01:00:00+01:00'            | true
            created_date = '2020-01-01T00:00:00+0000'             | true
            created_date = '2020-01-01T00:00:00'                  | true
            created_date < '2020-01-01T00:00:00.001Z'             | true
            created_date > '2019-12-31T23:59:59.999Z'             | true
            created_date >= '2020-01-01T00:30:00+01:00'           | true
            created_date < '2020-01-01T00:30:00+01:00'            | false
            modified_date > '2021-06-15T12:30:00Z'                | true
            modified_date <= '2021-06-15T12:30:00.250Z'           | true
            modified_date < '2021-06-15T12:30:00.250Z'            | false
            modified_date = '2021-06-15T14:30:00.25+02:00'        | true
            modified_date != '2021-06-15T12:30:00Z'               | true
            modified_date IN ('2021-06-15T12:30:00.250000Z')      | true
            modified_date > 'yesterday'                           | false
            first_name > '2020-01-01'                             | true
            modified_since = '2021-06-15T12:30:00.250Z'           | true
            modified_since = '2021-06-15T12:30:00.251Z'           | false
            modified_since = '2021-06-15'                         | true
            modified_since = '2021-06-16'                         | false
            modified_since = '2021-06-15T14:00:00+02:00'          | true
            status = 'ALL'                                        | true
            status = 'all'                                        | true
            status IN ('deleted', 'ALL')                          | true
            status NOT IN ('ALL')                                 | true
            status = 'implicit'                                   | true
            status = 'deleted'                                    | false
            first_name = 'Jane' AND score = 42                    | true
            first_name = 'Jane' AND score = 41                    | false
            first_name = 'Bob' AND score = 42                     | false
            first_name = 'Bob' OR score = 42                      | true
            first_name = 'Jane' OR score = 41                     | true
            first_name = 'Bob' OR score = 41                      | false
            first_name = 'Bob' AND score = 41 OR vip = true       | true
            first_name = 'Bob' AND (score = 41 OR vip = true)     | false
            (first_name = 'Jane' OR score = 1) AND (vip = true)   | true
            (first_name = 'x' OR (score = 1 OR (zip = '02134')))  | true
            """)
    void evaluatesAgainstANormalizedRecord(String where, boolean expected) {
        assertEquals(expected, CeqlEvaluator.matches(new CeqlParser().parse(where), CONTACT), where);
    }

    @Test
    void aNullConditionMatchesEveryRecord() {
        assertTrue(CeqlEvaluator.matches(null, CONTACT));
        assertTrue(CeqlEvaluator.matches(null, Json.createObjectBuilder().build()));
    }

    @Test
    void modifiedSinceNeedsAModifiedDate() {
        JsonObject noDate = json("{\"id\": \"x\"}");
        assertFalse(CeqlEvaluator.matches(new CeqlParser().parse("modified_since = '2000-01-01'"), noDate));
    }

    @Test
    void hugeNumbersInStringsDoNotCostTime() {
        JsonObject record = json("{\"n\": \"1e999999999\", \"m\": 5}");
        assertFalse(CeqlEvaluator.matches(new CeqlParser().parse("n = 1"), record));
        assertTrue(CeqlEvaluator.matches(new CeqlParser().parse("m > '4.5'"), record));
    }

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
