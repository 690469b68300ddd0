package dev.changewire.tenancy.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizationHeaderTest {

    @Test
    void platformHeader() {
        var h = AuthorizationHeader.parse("User abc, Organization def").orElseThrow();
        assertEquals("abc", h.userSecret());
        assertEquals("def", h.organizationSecret());
        assertNull(h.elementToken());
    }

    @Test
    void hubHeaderInAnyOrderAndCase() {
        var h = AuthorizationHeader.parse("element TOK ,  organization def,USER abc").orElseThrow();
        assertEquals("abc", h.userSecret());
        assertEquals("def", h.organizationSecret());
        assertEquals("TOK", h.elementToken());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "Bearer xyz",
        "User abc",
        "Organization def",
        "User abc, Element tok",
        "Element tok, User abc",
        "Organization def, Element tok",
        "User abc, Organization",
        "User abc, Organization def, Organization ghi",
        "User abc, User abd, Organization def",
        "User a b, Organization def",
        "User abc, Organization def, Foo bar",
        "User abc,, Organization def",
    })
    void rejected(String header) {
        assertTrue(AuthorizationHeader.parse(header).isEmpty(), () -> "accepted: " + header);
    }

    @Test
    void oversizedHeaderRejected() {
        assertTrue(AuthorizationHeader.parse("User " + "a".repeat(5000) + ", Organization b").isEmpty());
    }
}
