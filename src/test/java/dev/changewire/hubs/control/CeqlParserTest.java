package dev.changewire.hubs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.hubs.entity.Condition;
import dev.changewire.hubs.entity.FieldPath;
import dev.changewire.hubs.entity.Literal;
import dev.changewire.hubs.entity.Operator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CeqlParserTest {

    private final CeqlParser parser = new CeqlParser();
    /** Limits so generous that only the bound under test can trip. */
    private final CeqlParser roomy = new CeqlParser(new CeqlParser.Limits(10_000_000, 32, 1024, 500));

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a = 'x'                                  | (= [a] 'x')
            a != 'x'                                 | (!= [a] 'x')
            a <> 'x'                                 | (!= [a] 'x')
            a < 3                                    | (< [a] #3)
            a > -3.25                                | (> [a] #-3.25)
            a <= 0                                   | (<= [a] #0)
            a >= 10                                  | (>= [a] #10)
            a='x'                                    | (= [a] 'x')
            a LIKE 'J%n_'                            | (LIKE [a] 'J%n_')
            a NOT LIKE '%@example.com'               | (NOT LIKE [a] '%@example.com')
            a IN ('a', 'b', 3)                       | (IN [a] 'a' 'b' #3)
            a NOT IN ('x')                           | (NOT IN [a] 'x')
            a IS NULL                                | (NULL [a])
            a IS NOT NULL                            | (NOTNULL [a])
            a = true                                 | (= [a] true)
            a = FALSE                                | (= [a] false)
            a = 'it''s'                              | (= [a] 'it's')
            a = ''                                   | (= [a] '')
            a = ''''                                 | (= [a] ''')
            a = 'AND b = ''c'''                      | (= [a] 'AND b = 'c'')
            `email_address.address` = 'a@b.c'        | (= [email_address, address] 'a@b.c')
            email_address.address = 'a@b.c'         | (= [email_address, address] 'a@b.c')
            `odd name` = 1                           | (= [odd name] #1)
            `in` = 1                                 | (= [in] #1)
            a = 1 AND b = 2                          | (AND (= [a] #1) (= [b] #2))
            a = 1 OR b = 2                           | (OR (= [a] #1) (= [b] #2))
            a = 1 OR b = 2 AND c = 3                 | (OR (= [a] #1) (AND (= [b] #2) (= [c] #3)))
            a = 1 AND b = 2 OR c = 3                 | (OR (AND (= [a] #1) (= [b] #2)) (= [c] #3))
            a = 1 AND b = 2 AND c = 3                | (AND (= [a] #1) (= [b] #2) (= [c] #3))
            (a = 1 OR b = 2) AND c = 3               | (AND (OR (= [a] #1) (= [b] #2)) (= [c] #3))
            ((a = 1))                                | (= [a] #1)
            a = 1 and b = 2 Or c is not null         | (OR (AND (= [a] #1) (= [b] #2)) (NOTNULL [c]))
            a like 'x' AND b in (1) AND c Is Null    | (AND (LIKE [a] 'x') (IN [b] #1) (NULL [c]))
            modified_since='2020-01-01T00:00:00Z'    | (= [modified_since] '2020-01-01T00:00:00Z')
            "  a =	'x'  "                           | (= [a] 'x')
            """)
    void parsesValidInput(String where, String tree) {
        assertEquals(tree, ConditionPrinter.print(parser.parse(where)));
    }

    @Test
    void buildsTheDocumentedTreeTypes() {
        Condition condition = parser.parse("`email_address.address` = 'a@b.c' AND n IN (1.50, true)");
        Condition.And and = assertInstanceOf(Condition.And.class, condition);
        assertEquals(new Condition.Comparison(FieldPath.of("email_address", "address"), Operator.EQ,
                new Literal.Text("a@b.c")), and.operands().get(0));
        assertEquals(new Condition.In(FieldPath.of("n"),
                List.of(new Literal.Number(new BigDecimal("1.50")), new Literal.Bool(true)), false), and.operands().get(1));
    }

    @Test
    void keepsNewlinesAndTabsInsideStrings() {
        assertEquals("(= [a] 'x\ny\tz')", ConditionPrinter.print(parser.parse("a = 'x\ny\tz'")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a = 'x                 | 4  | Unterminated string: the quote at position 4 is never closed
            (a = 'x') AND b = 'it''s | 18 | Unterminated string: the quote at position 18 is never closed
            a =                    | 3  | Expected a value (a 'string', a number, true or false) at position 3 but found end of input
            a = AND                | 4  | Expected a value (a 'string', a number, true or false) at position 4 but found 'AND'
            = 'x'                  | 0  | Expected a field name at position 0 but found '='
            a 'x'                  | 2  | Expected an operator (=, !=, <, >, <=, >=, LIKE, IN, IS) at position 2 but found string 'x'
            a = 'x' AND            | 11 | Expected a field name at position 11 but found end of input
            a = 'x' OR OR b = 1    | 11 | Expected a field name at position 11 but found 'OR'
            a = 'x' b = 'y'        | 8  | Expected AND, OR or end of input at position 8 but found 'b'
            a = 'x')               | 7  | Expected AND, OR or end of input at position 7 but found ')'
            (a = 1 AND (b = 2)     | 18 | Expected ')' at position 18 but found end of input
            ((a = 1) OR b = 2      | 17 | Expected ')' at position 17 but found end of input
            ()                     | 1  | Expected a field name at position 1 but found ')'
            a IN ()                | 6  | Expected a value (a 'string', a number, true or false) at position 6 but found ')'
            a IN ('x' 'y')         | 10 | Expected ',' or ')' at position 10 but found string 'y'
            a IN 'x'               | 5  | Expected '(' at position 5 but found string 'x'
            a IS 'x'               | 5  | Expected NULL or NOT NULL at position 5 but found string 'x'
            a IS NOT 'x'           | 9  | Expected NULL at position 9 but found string 'x'
            a NOT = 1              | 6  | Expected LIKE or IN at position 6 but found '='
            a LIKE 3               | 7  | Expected a 'pattern' at position 7 but found 3
            a = NULL               | 4  | Expected a value at position 4 but found NULL (use IS NULL or IS NOT NULL)
            a ! 1                  | 3  | Expected '=' at position 3 after '!' but found ' '
            a = #                  | 4  | Unexpected character '#' at position 4
            a = "x"                | 4  | Unexpected character '"' at position 4
            `a.b = 1               | 0  | Unterminated field name: the backtick at position 0 is never closed
            `a..b` = 1             | 0  | The field name at position 0 is not a dotted name: 'a..b'
            a. = 1                 | 0  | The field name at position 0 is not a dotted name: 'a.'
            ``  = 1                | 0  | The field name at position 0 is not a dotted name: ''
            "   "                  | 3  | Expected a field name at position 3 but found end of input
            ""                     | 0  | Expected a field name at position 0 but found end of input
            """)
    void reportsTheExactPositionOfAnError(String where, int position, String reason) {
        CeqlSyntaxException e = assertThrows(CeqlSyntaxException.class, () -> parser.parse(where));
        assertEquals(reason, e.reason());
        assertEquals(position, e.position());
        assertEquals(400, e.status());
        assertEquals("Invalid where clause: " + reason, e.getMessage());
    }

    @Test
    void nullIsAnError() {
        assertEquals(0, assertThrows(CeqlSyntaxException.class, () -> parser.parse(null)).position());
    }

    @Test
    void rejectsControlCharactersWhereverTheyAre() {
        CeqlSyntaxException outside = assertThrows(CeqlSyntaxException.class, () -> parser.parse("a = 1\u0000"));
        assertEquals(5, outside.position());
        assertEquals("Control character U+0000 at position 5 is not allowed", outside.reason());
        CeqlSyntaxException inside = assertThrows(CeqlSyntaxException.class, () -> parser.parse("a = 'x\u001by'"));
        assertEquals(6, inside.position());
        assertEquals("Control character U+001B at position 6 is not allowed", inside.reason());
        CeqlSyntaxException inName = assertThrows(CeqlSyntaxException.class, () -> parser.parse("`a\u0007` = 1"));
        assertEquals(2, inName.position());
        assertEquals(7, assertThrows(CeqlSyntaxException.class, () -> parser.parse("a = 'x'\u007f")).position());
    }

    // ---- hostile input: every bound is a clean, quick error ----

    @Test
    void tenThousandNestedParenthesesHitTheLengthBoundByDefault() {
        String where = "(".repeat(10_000) + "a = 1" + ")".repeat(10_000);
        CeqlSyntaxException e = quickly(() -> parser.parse(where));
        assertEquals(4096, e.position());
        assertEquals("The where clause is 20005 characters long; at most 4096 are allowed", e.reason());
    }

    @Test
    void tenThousandNestedParenthesesHitTheDepthBound() {
        String where = "(".repeat(10_000) + "a = 1" + ")".repeat(10_000);
        CeqlSyntaxException e = quickly(() -> roomy.parse(where));
        assertEquals(32, e.position());
        assertEquals("Parentheses at position 32 are nested more than 32 levels deep", e.reason());
    }

    @Test
    void thirtyTwoLevelsOfParenthesesAreAllowed() {
        String where = "(".repeat(32) + "a = 1" + ")".repeat(32);
        assertEquals("(= [a] #1)", ConditionPrinter.print(parser.parse(where)));
        String deeper = "(".repeat(33) + "a = 1" + ")".repeat(33);
        assertEquals(32, assertThrows(CeqlSyntaxException.class, () -> parser.parse(deeper)).position());
    }

    @Test
    void deepNestingInsideAndOrChainsIsBoundedToo() {
        String where = IntStream.range(0, 5_000).mapToObj(i -> "a = 1 AND (").collect(Collectors.joining())
                + "b = 2" + ")".repeat(5_000);
        CeqlSyntaxException e = quickly(() -> roomy.parse(where));
        assertTrue(e.reason().contains("nested more than 32 levels"), e.reason());
    }

    @Test
    void aOneMegabyteLiteralIsRefused() {
        String where = "a = '" + "x".repeat(1 << 20) + "'";
        assertEquals(4096, quickly(() -> parser.parse(where)).position());
        CeqlSyntaxException e = quickly(() -> roomy.parse(where));
        assertEquals(4, e.position());
        assertEquals("The string at position 4 is longer than 1024 characters", e.reason());
    }

    @Test
    void aOneMegabyteUnterminatedLiteralIsRefusedForItsLength() {
        String where = "a = '" + "x".repeat(1 << 20);
        CeqlSyntaxException e = quickly(() -> roomy.parse(where));
        assertEquals("The string at position 4 is longer than 1024 characters", e.reason());
    }

    @Test
    void hugeNamesAndNumbersAreRefused() {
        assertEquals("The field name at position 0 is longer than 1024 characters",
                quickly(() -> roomy.parse("a".repeat(1 << 20) + " = 1")).reason());
        assertEquals("The field name at position 0 is longer than 1024 characters",
                quickly(() -> roomy.parse("`" + "a".repeat(1 << 20) + "` = 1")).reason());
        assertEquals("The number at position 4 is longer than 1024 characters",
                quickly(() -> roomy.parse("a = " + "9".repeat(1 << 20))).reason());
    }

    @Test
    void aHundredThousandElementInListIsRefused() {
        String where = "a IN (" + IntStream.range(0, 100_000).mapToObj(Integer::toString).collect(Collectors.joining(","))
                + ")";
        assertEquals(4096, quickly(() -> parser.parse(where)).position());
        CeqlSyntaxException e = quickly(() -> roomy.parse(where));
        int position = where.indexOf(",500,") + 1;
        assertEquals(position, e.position());
        assertEquals("The IN list has more than 500 values (at position " + position + ")", e.reason());
    }

    @Test
    void fiveHundredInValuesAreAllowed() {
        String where = "a IN (" + IntStream.range(0, 500).mapToObj(Integer::toString).collect(Collectors.joining(",")) + ")";
        Condition.In in = assertInstanceOf(Condition.In.class, roomy.parse(where));
        assertEquals(500, in.values().size());
    }

    @Test
    void aLongFlatChainParsesWithoutRecursion() {
        String where = IntStream.range(0, 100_000).mapToObj(i -> "a = " + i).collect(Collectors.joining(" OR "));
        Condition.Or or = assertInstanceOf(Condition.Or.class,
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> roomy.parse(where)));
        assertEquals(100_000, or.operands().size());
    }

    @Test
    void aWhereClauseOfOnlyControlCharactersIsRefused() {
        String where = "\u0001".repeat(1 << 20);
        assertEquals(4096, quickly(() -> parser.parse(where)).position());
        assertEquals("Control character U+0001 at position 0 is not allowed", quickly(() -> roomy.parse(where)).reason());
    }

    private static CeqlSyntaxException quickly(org.junit.jupiter.api.function.Executable parse) {
        return assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(CeqlSyntaxException.class, parse));
    }
}
