package dev.changewire.elements.constantcontact.control;

import static dev.changewire.elements.constantcontact.control.ConstantContactResource.CAMPAIGNS;
import static dev.changewire.elements.constantcontact.control.ConstantContactResource.CONTACTS;
import static dev.changewire.elements.constantcontact.control.ConstantContactResource.LISTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.hubs.control.CeqlEvaluator;
import dev.changewire.hubs.control.CeqlParser;
import dev.changewire.hubs.entity.Condition;
import dev.changewire.platform.control.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConstantContactPushDownTest {

    private final CeqlParser parser = new CeqlParser();

    @ParameterizedTest(name = "[{index}] {0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            CAMPAIGNS | modified_since='2020-01-01T00:00:00Z'                     | after_date=2019-12-31T23:59:59Z
            CAMPAIGNS | modified_since='2020-01-01T00:00:00.500Z'                 | after_date=2019-12-31T23:59:59Z
            CAMPAIGNS | modified_since='2020-01-01T02:00:00+02:00'                | after_date=2019-12-31T23:59:59Z
            CAMPAIGNS | modified_since='2020-01-01'                               | after_date=2019-12-31T23:59:59Z
            CAMPAIGNS | modified_date >= '2020-01-01T00:00:00Z'                   | after_date=2019-12-31T23:59:59Z
            CAMPAIGNS | modified_date > '2020-01-01T00:00:00Z'                    | after_date=2019-12-31T23:59:59Z
            CAMPAIGNS | modified_date <= '2020-01-01T00:00:00Z'                   | before_date=2020-01-01T00:00:01Z
            CAMPAIGNS | modified_date < '2020-01-01T00:00:00.200Z'                | before_date=2020-01-01T00:00:02Z
            CAMPAIGNS | updated_at < '2020-01-01T00:00:00Z'                       | before_date=2020-01-01T00:00:01Z
            CAMPAIGNS | modified_date = '2020-01-01T00:00:00Z'                    | after_date=2019-12-31T23:59:59Z&before_date=2020-01-01T00:00:01Z
            CAMPAIGNS | modified_date != '2020-01-01T00:00:00Z'                   | ""
            CAMPAIGNS | modified_date >= 'soon'                                   | ""
            CAMPAIGNS | modified_since='2020-01-01' AND modified_date >= '2021-01-01' AND modified_date < '2022-01-01' | after_date=2020-12-31T23:59:59Z&before_date=2022-01-01T00:00:01Z
            CAMPAIGNS | modified_since='2020-01-01' OR name = 'x'                 | ""
            CAMPAIGNS | (modified_since='2020-01-01')                             | after_date=2019-12-31T23:59:59Z
            CAMPAIGNS | created_date >= '2020-01-01'                              | ""
            CAMPAIGNS | status = 'Removed'                                        | ""
            CAMPAIGNS | status = 'ALL' AND modified_since='2020-01-01'            | after_date=2019-12-31T23:59:59Z
            CONTACTS  | modified_since='2020-01-01T00:00:00Z'                     | status=all&updated_after=2019-12-31T23:59:59Z
            CONTACTS  | modified_date >= '2020-01-01T00:00:00Z'                   | updated_after=2019-12-31T23:59:59Z
            CONTACTS  | modified_date <= '2020-01-01T00:00:00Z'                   | updated_before=2020-01-01T00:00:01Z
            CONTACTS  | created_date >= '2020-01-01T00:00:00Z'                    | created_after=2019-12-31T23:59:59Z
            CONTACTS  | created_at < '2020-01-01T00:00:00Z'                       | created_before=2020-01-01T00:00:01Z
            CONTACTS  | email = 'jane@example.com'                                | email=jane@example.com
            CONTACTS  | `email_address.address` = 'jane@example.com'              | email=jane@example.com
            CONTACTS  | email LIKE 'jane@%'                                       | ""
            CONTACTS  | status = 'ALL'                                            | status=all
            CONTACTS  | status = 'active'                                         | status=active
            CONTACTS  | status = 'deleted'                                        | status=deleted
            CONTACTS  | status = 'implicit'                                       | status=active
            CONTACTS  | status IN ('unsubscribed', 'deleted', 'explicit')         | status=unsubscribed,deleted,active
            CONTACTS  | status IN ('unsubscribed', 'all')                         | status=all
            CONTACTS  | status = 'something_new'                                  | status=all
            CONTACTS  | status != 'active'                                        | status=all
            CONTACTS  | status NOT IN ('active')                                  | status=all
            CONTACTS  | status IN ('active','deleted') AND status = 'deleted'     | status=deleted
            CONTACTS  | status = 'active' AND status = 'deleted'                  | status=active
            CONTACTS  | deleted_date IS NOT NULL                                  | status=all
            CONTACTS  | first_name = 'Jane'                                       | ""
            CONTACTS  | modified_since='2020-01-01' AND status='active' AND email='a@b.c' | email=a@b.c&status=active&updated_after=2019-12-31T23:59:59Z
            CONTACTS  | status='ALL' AND modified_since='2020-01-01'              | status=all&updated_after=2019-12-31T23:59:59Z
            CONTACTS  | modified_since='2020-01-01' OR status='active'            | status=all
            CONTACTS  | email = 'a@b.c' OR email = 'd@e.f'                        | ""
            CONTACTS  | (email = 'a@b.c' OR first_name = 'x') AND created_date > '2020-01-01' | created_after=2019-12-31T23:59:59Z
            LISTS     | modified_since='2020-01-01T00:00:00Z'                     | status=all
            LISTS     | modified_date >= '2020-01-01T00:00:00Z'                   | ""
            LISTS     | name = 'Newsletter'                                       | name=Newsletter
            LISTS     | name LIKE 'News%'                                         | ""
            LISTS     | status = 'active'                                         | status=active
            LISTS     | status = 'DELETED'                                        | status=deleted
            LISTS     | status IN ('active','deleted')                            | status=all
            LISTS     | status = 'ALL'                                            | status=all
            LISTS     | name = 'a' OR name = 'b'                                  | ""
            LISTS     | name = 'Newsletter' AND modified_since = '2020-01-01'     | name=Newsletter&status=all
            """)
    void pushesWhatConstantContactCanFilter(ConstantContactResource resource, String where, String parameters) {
        ConstantContactQuery query = ConstantContactPushDown.plan(resource, parser.parse(where));
        assertEquals(parameters == null ? "" : parameters, render(query.parameters()));
    }

    @Test
    void targetsEachResourcesCollection() {
        assertEquals("/emails", ConstantContactPushDown.plan(CAMPAIGNS, null).path());
        assertEquals("/contacts", ConstantContactPushDown.plan(CONTACTS, null).path());
        assertEquals("/contact_lists", ConstantContactPushDown.plan(LISTS, null).path());
    }

    @Test
    void noWhereMeansNoParametersAndNoResidual() {
        for (ConstantContactResource resource : ConstantContactResource.values()) {
            ConstantContactQuery query = ConstantContactPushDown.plan(resource, null);
            assertEquals(Map.of(), query.parameters());
            assertNull(query.residual());
        }
    }

    @Test
    void theResidualIsTheWholeClauseSoPushedPredicatesAreCheckedAgain() {
        Condition where = parser.parse("modified_since='2020-01-01T00:00:00Z' AND first_name = 'Jane'");
        ConstantContactQuery query = ConstantContactPushDown.plan(CONTACTS, where);
        assertEquals(where, query.residual());
        // the provider was asked from one second earlier: the residual drops what it returns at the edge
        assertFalse(CeqlEvaluator.matches(query.residual(),
                record("{\"first_name\":\"Jane\",\"modified_date\":\"2019-12-31T23:59:59.500Z\"}")));
        assertTrue(CeqlEvaluator.matches(query.residual(),
                record("{\"first_name\":\"Jane\",\"modified_date\":\"2020-01-01T00:00:00Z\"}")));
    }

    @Test
    void theAllStatusesPseudoPredicateLeavesNoResidual() {
        assertNull(ConstantContactPushDown.plan(CONTACTS, parser.parse("status = 'ALL'")).residual());
        Condition residual = ConstantContactPushDown.plan(LISTS,
                parser.parse("status='all' AND modified_since='2020-01-01'")).residual();
        assertEquals(parser.parse("modified_since='2020-01-01'"), residual);
    }

    @Test
    void anOrKeepsEverythingInTheResidual() {
        Condition where = parser.parse("name = 'a' OR name = 'b'");
        ConstantContactQuery query = ConstantContactPushDown.plan(LISTS, where);
        assertEquals(where, query.residual());
        assertTrue(CeqlEvaluator.matches(query.residual(), record("{\"name\":\"b\"}")));
        assertFalse(CeqlEvaluator.matches(query.residual(), record("{\"name\":\"c\"}")));
    }

    @Test
    void onContactsEmailNamesTheAddress() {
        ConstantContactQuery query = ConstantContactPushDown.plan(CONTACTS,
                parser.parse("email = 'jane@example.com' OR email IS NULL"));
        assertEquals(parser.parse("`email_address.address` = 'jane@example.com' OR email_address.address IS NULL"),
                query.residual());
        assertTrue(CeqlEvaluator.matches(query.residual(),
                record("{\"email_address\":{\"address\":\"jane@example.com\"}}")));
        assertTrue(CeqlEvaluator.matches(query.residual(), record("{\"email_address\":{}}")));
        assertFalse(CeqlEvaluator.matches(query.residual(), record("{\"email_address\":{\"address\":\"x@y.z\"}}")));
        // elsewhere email is an ordinary field
        assertEquals(parser.parse("email = 'x'"),
                ConstantContactPushDown.plan(LISTS, parser.parse("email = 'x'")).residual());
    }

    @Test
    void theSeedsFilterSeesDeletedContactsAndLists() {
        String seed = "modified_since='2020-01-01T00:00:00Z'";
        ConstantContactQuery lists = ConstantContactPushDown.plan(LISTS, parser.parse(seed));
        assertEquals("all", lists.parameter("status"));
        JsonObject deletedList = RecordNormalizer.list(record("""
                {"list_id":"l-1","name":"Old","created_at":"2019-01-01T00:00:00Z",
                 "updated_at":"2020-02-01T00:00:00Z","deleted_at":"2020-02-01T00:00:00Z"}
                """)).record();
        JsonObject oldList = RecordNormalizer.list(record("""
                {"list_id":"l-2","name":"Older","created_at":"2019-01-01T00:00:00Z","updated_at":"2019-02-01T00:00:00Z"}
                """)).record();
        assertTrue(CeqlEvaluator.matches(lists.residual(), deletedList));
        assertFalse(CeqlEvaluator.matches(lists.residual(), oldList));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            modified_since = 'yesterday'
            modified_since >= '2020-01-01'
            modified_since = 20200101
            modified_since IS NULL
            modified_since IN ('2020-01-01')
            first_name = 'x' OR modified_since LIKE '2020%'
            """)
    void refusesAMalformedModifiedSince(String where) {
        for (ConstantContactResource resource : ConstantContactResource.values()) {
            ApiException e = assertThrows(ApiException.class, () -> ConstantContactPushDown.plan(resource, parser.parse(where)));
            assertEquals(400, e.status());
            assertEquals("where: modified_since takes a quoted ISO-8601 date, e.g. modified_since='2020-01-01T00:00:00Z'",
                    e.getMessage());
        }
    }

    @Test
    void parametersAreImmutable() {
        ConstantContactQuery query = ConstantContactPushDown.plan(CONTACTS, parser.parse("email = 'a@b.c'"));
        assertThrows(UnsupportedOperationException.class, () -> query.parameters().put("x", List.of()));
        assertThrows(UnsupportedOperationException.class, () -> query.parameters().get("email").add("y"));
    }

    private static String render(Map<String, List<String>> parameters) {
        return new TreeMap<>(parameters).entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> e.getKey() + "=" + v))
                .collect(Collectors.joining("&"));
    }

    private static JsonObject record(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
