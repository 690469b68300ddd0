package dev.changewire.hubs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LikePatternTest {

    @ParameterizedTest(name = "''{1}'' LIKE ''{0}'' -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            %             | ""               | true
            %             | anything         | true
            ""            | ""               | true
            ""            | a                | false
            _             | a                | true
            _             | ""               | false
            _             | ab               | false
            a%            | abc              | true
            a%            | bac              | false
            %c            | abc              | true
            %b%           | abc              | true
            %b%           | acd              | false
            a_c           | abc              | true
            a_c           | abbc             | false
            a%c           | ac               | true
            a%c           | abxyzc           | true
            a%c%e         | abcde            | true
            a%c%e         | abcdf            | false
            %%            | x                | true
            J%@example.%  | jane@EXAMPLE.com | true
            ß%            | ß                | true
            a.c           | abc              | false
            a.c           | a.c              | true
            [a]           | [a]              | true
            %a%a%b        | aaaaaaab         | true
            """)
    void matchesLikeSql(String pattern, String text, boolean expected) {
        assertEquals(expected, LikePattern.matches(pattern, text));
    }

    @Test
    void aHostilePatternStaysFast() {
        String text = "a".repeat(50_000);
        String pattern = "%a".repeat(500) + "%b";
        assertFalse(assertTimeoutPreemptively(Duration.ofSeconds(2), () -> LikePattern.matches(pattern, text)));
    }
}
