package dev.changewire.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class BodySizeLimitTest {

    @Test
    void readsUpToTheLimit() throws IOException {
        var in = new BodySizeLimit.BoundedInputStream(new ByteArrayInputStream(new byte[100]), 100);
        assertEquals(100, in.readAllBytes().length);
    }

    @Test
    void failsPastTheLimit() {
        var in = new BodySizeLimit.BoundedInputStream(new ByteArrayInputStream(new byte[101]), 100);
        assertThrows(BodySizeLimit.TooLarge.class, in::readAllBytes);
    }
}
