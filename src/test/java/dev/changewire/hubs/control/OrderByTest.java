package dev.changewire.hubs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.hubs.entity.FieldPath;
import dev.changewire.platform.control.ApiException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderByTest {

    @Test
    void parsesFieldsAndDirections() {
        OrderBy orderBy = OrderBy.parse(" modified_date DESC, `email_address.address` asc ,id,name   desc");
        assertEquals(List.of(
                new OrderBy.Key(FieldPath.of("modified_date"), true),
                new OrderBy.Key(FieldPath.of("email_address", "address"), false),
                new OrderBy.Key(FieldPath.of("id"), false),
                new OrderBy.Key(FieldPath.of("name"), true)), orderBy.keys());
        assertEquals(List.of(new OrderBy.Key(FieldPath.of("odd name"), true)), OrderBy.parse("`odd name` desc").keys());
        assertEquals(List.of(new OrderBy.Key(FieldPath.of("odd name"), false)), OrderBy.parse("`odd name`").keys());
        assertEquals(List.of(new OrderBy.Key(FieldPath.of("a", "b"), false)), OrderBy.parse("a.b").keys());
    }

    @Test
    void blankMeansNoOrder() {
        assertTrue(OrderBy.parse(null).isEmpty());
        assertTrue(OrderBy.parse("  ").isEmpty());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            name sideways        | orderBy: expected asc or desc after name but found 'sideways'
            name,                | orderBy: empty sort field in 'name,'
            ,name                | orderBy: empty sort field in ',name'
            na;me                | orderBy: 'na;me' is not a field name (letters, digits, '_' and '.'; put other names in backticks)
            a..b                 | orderBy: 'a..b' is not a dotted field name
            `a.b                 | orderBy: the backtick in '`a.b' is never closed
            name asc desc        | orderBy: 'name asc' is not a field name (letters, digits, '_' and '.'; put other names in backticks)
            """)
    void refusesBadInput(String orderBy, String message) {
        ApiException e = assertThrows(ApiException.class, () -> OrderBy.parse(orderBy));
        assertEquals(400, e.status());
        assertEquals(message, e.getMessage());
    }

    @Test
    void boundsTheInput() {
        assertEquals("orderBy: longer than 4096 characters",
                assertThrows(ApiException.class, () -> OrderBy.parse("a".repeat(5000))).getMessage());
        assertEquals("orderBy: more than 20 sort fields",
                assertThrows(ApiException.class, () -> OrderBy.parse("a,".repeat(20) + "a")).getMessage());
    }

    @Test
    void sortsByDatesAsInstantsAndPutsAbsentValuesLast() {
        List<JsonObject> records = new ArrayList<>(List.of(
                CeqlEvaluatorTest.json("{\"id\":\"a\",\"d\":\"2020-01-01T10:00:00+02:00\"}"),
                CeqlEvaluatorTest.json("{\"id\":\"b\",\"d\":\"2020-01-01T09:00:00Z\"}"),
                CeqlEvaluatorTest.json("{\"id\":\"c\"}"),
                CeqlEvaluatorTest.json("{\"id\":\"d\",\"d\":null}"),
                CeqlEvaluatorTest.json("{\"id\":\"e\",\"d\":\"2020-01-01\"}")));
        records.sort(OrderBy.parse("d asc, id desc").comparator());
        assertEquals(List.of("e", "a", "b", "d", "c"), ids(records));
        records.sort(OrderBy.parse("d desc, id").comparator());
        assertEquals(List.of("b", "a", "e", "c", "d"), ids(records));
    }

    @Test
    void sortsNumbersNumericallyAndNestedFields() {
        List<JsonObject> records = new ArrayList<>(List.of(
                CeqlEvaluatorTest.json("{\"id\":\"a\",\"n\":{\"v\":10}}"),
                CeqlEvaluatorTest.json("{\"id\":\"b\",\"n\":{\"v\":9.5}}"),
                CeqlEvaluatorTest.json("{\"id\":\"c\",\"n\":{\"v\":-1}}")));
        records.sort(OrderBy.parse("n.v").comparator());
        assertEquals(List.of("c", "b", "a"), ids(records));
        records.sort(OrderBy.parse("`n.v` desc").comparator());
        assertEquals(List.of("a", "b", "c"), ids(records));
    }

    @Test
    void aMixedColumnSortsByKindWithoutBreakingTheSortContract() {
        String[] values = {"1", "2.5", "\"2020-01-01\"", "\"2019-06-01T00:00:00+05:00\"", "\"zeta\"", "\"alpha\"",
            "true", "false", "{}", "[]", "null"};
        List<JsonObject> records = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            records.add(CeqlEvaluatorTest.json("{\"id\":\"" + i + "\",\"v\":" + values[random.nextInt(values.length)] + "}"));
        }
        Collections.shuffle(records, random);
        records.sort(OrderBy.parse("v").comparator());
        List<String> kinds = records.stream().map(r -> kind(r)).distinct().toList();
        assertEquals(List.of("number", "date", "text", "boolean", "other", "null"), kinds);
    }

    private static String kind(JsonObject record) {
        var value = record.get("v");
        return switch (value.getValueType()) {
            case NUMBER -> "number";
            case STRING -> DateLiteral.parse(((JsonString) value).getString()).isPresent() ? "date" : "text";
            case TRUE, FALSE -> "boolean";
            case NULL -> "null";
            default -> "other";
        };
    }

    private static List<String> ids(List<JsonObject> records) {
        return records.stream().map(r -> r.getString("id")).toList();
    }
}
