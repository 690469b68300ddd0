package dev.changewire.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationIdsTest {

    @Test
    void idsAreRandomUniqueAndSafeForTheSignature() {
        NotificationIds ids = new NotificationIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = ids.next();
            assertTrue(id.matches("msg_[a-z2-7]{26}"), id);
            seen.add(id);
        }
        assertEquals(10_000, seen.size());
    }
}
