package dev.changewire.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NotificationGroupingTest {

    record Event(int id, String type) {
    }

    @Test
    void splitsOneResourceIntoBatchesOfTenKeepingDetectionOrder() {
        List<Event> events = IntStream.range(0, 25).mapToObj(i -> new Event(i, "contacts")).toList();
        List<List<Event>> groups = NotificationGrouping.group(events, Event::type);
        assertEquals(List.of(10, 10, 5), groups.stream().map(List::size).toList());
        List<Integer> flattened = groups.stream().flatMap(List::stream).map(Event::id).toList();
        assertEquals(IntStream.range(0, 25).boxed().toList(), flattened);
    }

    @Test
    void neverMixesResourcesAndOrdersResourcesByTheirFirstEvent() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(new Event(i, i % 3 == 0 ? "campaigns" : "contacts"));
        }
        List<List<Event>> groups = NotificationGrouping.group(events, Event::type);
        // campaigns first (event 0), then contacts (event 1): 4 campaigns, 8 contacts
        assertEquals(List.of("campaigns", "contacts"), groups.stream().map(g -> g.get(0).type()).toList());
        assertEquals(List.of(4, 8), groups.stream().map(List::size).toList());
        for (List<Event> group : groups) {
            assertTrue(group.stream().allMatch(e -> e.type().equals(group.get(0).type())), group::toString);
            assertEquals(group.stream().map(Event::id).sorted().toList(), group.stream().map(Event::id).toList());
        }
    }

    @Test
    void exactlyTenIsOneNotificationAndNothingIsNone() {
        List<Event> ten = IntStream.range(0, 10).mapToObj(i -> new Event(i, "lists")).toList();
        assertEquals(1, NotificationGrouping.group(ten, Event::type).size());
        assertEquals(0, NotificationGrouping.group(List.<Event>of(), Event::type).size());
    }
}
