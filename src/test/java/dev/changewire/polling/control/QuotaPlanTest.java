package dev.changewire.polling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.platform.control.QuotaDay;
import dev.changewire.polling.entity.KeyBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuotaPlanTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-12-02T00:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    /** A budget whose day is Constant Contact's, the UTC day starting at {@link #MIDNIGHT}. */
    private static KeyBudget budget(String key, String label, int perDay, long used) {
        return new KeyBudget(key, label, perDay, used, QuotaDay.UTC);
    }

    private static final Duration QUARTER_HOUR = Duration.ofMinutes(15);

    /** {@code count} instances from id {@code firstId} on one key, each at the interval and cost given. */
    private static void add(Map<Long, QuotaPlan.Demand> demands, Map<Long, KeyBudget> budgets, KeyBudget budget, long firstId, int count,
            Duration interval, double requestsPerRun) {
        for (long id = firstId; id < firstId + count; id++) {
            demands.put(id, new QuotaPlan.Demand(interval, requestsPerRun));
            budgets.put(id, budget);
        }
    }

    @Test
    void fortyInstancesOfThreeResourcesAtAQuarterHourAreStretchedToFitAStandardKey() {
        Map<Long, QuotaPlan.Demand> demands = new HashMap<>();
        Map<Long, KeyBudget> budgets = new HashMap<>();
        // campaigns, contacts, lists and the contacts' unsubscribes sweep: 4 requests a run
        add(demands, budgets, budget("k", "standard", 10_000, 0), 1, 40, QUARTER_HOUR, 4);

        QuotaPlan plan = QuotaPlan.of(MIDNIGHT, demands, budgets, 0.1);

        QuotaPlan.KeyPlan key = plan.plan(1).orElseThrow();
        // 40 × 4 × 96 = 15,360 wanted; 10,000 − 1,000 reserve − 40 refreshes = 8,960 left: 1.71, rounded up to 1.75
        assertEquals(15_360, key.wanted(), 0.001);
        assertEquals(1.75, key.stretch(), 1e-9);
        assertEquals(1000, key.reserve());
        assertEquals(15_400, key.projectedAtConfigured());
        assertTrue(key.projected() <= 10_000 - 1000, "the stretched day fits the budget less the reserve: " + key.projected());
        assertEquals(Duration.ofSeconds(1575), plan.effective(1, QUARTER_HOUR), "15 minutes × 1.75");
        assertTrue(key.reason().orElseThrow().contains("stretched 1.75 times"), key.reason().orElseThrow());
        assertTrue(key.reason().orElseThrow().contains("standard"), "the reason names the key by its client id");
    }

    @Test
    void aPartnerKeyCarriesTheSameInstancesAtTheirConfiguredIntervals() {
        Map<Long, QuotaPlan.Demand> demands = new HashMap<>();
        Map<Long, KeyBudget> budgets = new HashMap<>();
        add(demands, budgets, budget("p", "partner", 250_000, 0), 1, 40, QUARTER_HOUR, 4);

        QuotaPlan plan = QuotaPlan.of(MIDNIGHT, demands, budgets, 0.1);

        assertFalse(plan.plan(1).orElseThrow().stretched());
        assertTrue(plan.plan(1).orElseThrow().reason().isEmpty());
        assertEquals(QUARTER_HOUR, plan.effective(40, QUARTER_HOUR));
    }

    @Test
    void removingInstancesRelaxesTheIntervalsToTheConfiguredOnes() {
        KeyBudget budget = budget("k", "standard", 10_000, 0);
        Map<Long, QuotaPlan.Demand> demands = new HashMap<>();
        Map<Long, KeyBudget> budgets = new HashMap<>();
        add(demands, budgets, budget, 1, 40, QUARTER_HOUR, 4);
        assertTrue(QuotaPlan.of(MIDNIGHT, demands, budgets, 0.1).plan(1).orElseThrow().stretched());

        for (long id = 11; id <= 40; id++) {
            demands.remove(id);
        }
        QuotaPlan relaxed = QuotaPlan.of(MIDNIGHT, demands, budgets, 0.1);

        assertEquals(1.0, relaxed.plan(1).orElseThrow().stretch());
        assertEquals(QUARTER_HOUR, relaxed.effective(1, QUARTER_HOUR));
        assertEquals(10, relaxed.plan(1).orElseThrow().instances().size());
    }

    @Test
    void anInstanceWithManyPagesPerRunWeighsAsMuchAsItsPages() {
        KeyBudget budget = budget("k", "standard", 10_000, 0);
        Map<Long, QuotaPlan.Demand> demands = new HashMap<>();
        Map<Long, KeyBudget> budgets = new HashMap<>();
        // one instance whose contacts take 21 pages a run, at 5 minutes: 288 runs × 24 = 6,912 requests
        add(demands, budgets, budget, 1, 1, Duration.ofMinutes(5), 24);
        assertFalse(QuotaPlan.of(MIDNIGHT, demands, budgets, 0.1).plan(1).orElseThrow().stretched());
        // a second one like it: 13,824 wanted, 10,000 − 1,000 − 2 = 8,998 left: 1.54 → 1.55, both
        add(demands, budgets, budget, 2, 1, Duration.ofMinutes(5), 24);
        QuotaPlan plan = QuotaPlan.of(MIDNIGHT, demands, budgets, 0.1);
        assertEquals(1.55, plan.plan(1).orElseThrow().stretch(), 1e-9);
        assertEquals(Duration.ofSeconds(465), plan.effective(1, Duration.ofMinutes(5)));
        assertEquals(Duration.ofSeconds(465), plan.effective(2, Duration.ofMinutes(5)));
    }

    @Test
    void theRestOfTheDayIsPlannedWithWhatIsLeftOfTheBudget() {
        Map<Long, QuotaPlan.Demand> demands = new HashMap<>();
        Map<Long, KeyBudget> budgets = new HashMap<>();
        add(demands, budgets, budget("k", "standard", 10_000, 5_000), 1, 40, QUARTER_HOUR, 4);

        QuotaPlan.KeyPlan key = QuotaPlan.of(MIDNIGHT.plus(Duration.ofHours(12)), demands, budgets, 0.1).plan(1).orElseThrow();

        // 40 × 4 × 48 = 7,680 wanted in 12 hours; 10,000 − 5,000 − 1,000 − 20 = 3,980 left: 1.93 → 1.95
        assertEquals(7_680, key.wanted(), 0.001);
        assertEquals(1.95, key.stretch(), 1e-9);
        assertTrue(key.projected() <= 9_000);
    }

    @Test
    void aSpentBudgetPollsEachInstanceAtMostOnceMoreBeforeMidnight() {
        Map<Long, QuotaPlan.Demand> demands = new HashMap<>();
        Map<Long, KeyBudget> budgets = new HashMap<>();
        add(demands, budgets, budget("k", "standard", 10_000, 9_500), 1, 3, QUARTER_HOUR, 4);

        QuotaPlan plan = QuotaPlan.of(MIDNIGHT.plus(Duration.ofHours(18)), demands, budgets, 0.1);

        assertEquals(DAY, plan.effective(1, QUARTER_HOUR));
        assertEquals(Duration.ofDays(2), plan.effective(1, Duration.ofDays(2)), "never below the configured interval");
        assertTrue(plan.plan(1).orElseThrow().reason().orElseThrow().contains("at most once more"));
    }

    @Test
    void keysArePlannedApartAndAnInstanceWithoutABudgetKeepsItsInterval() {
        Map<Long, QuotaPlan.Demand> demands = new HashMap<>();
        Map<Long, KeyBudget> budgets = new HashMap<>();
        add(demands, budgets, budget("a", "busy", 1_000, 0), 1, 10, Duration.ofMinutes(1), 3);
        add(demands, budgets, budget("b", "quiet", 10_000, 0), 11, 1, Duration.ofHours(1), 3);
        demands.put(99L, new QuotaPlan.Demand(Duration.ofMinutes(1), 3));

        QuotaPlan plan = QuotaPlan.of(MIDNIGHT, demands, budgets, 0.1);

        assertTrue(plan.plan(1).orElseThrow().stretched());
        assertEquals(Duration.ofHours(1), plan.effective(11, Duration.ofHours(1)));
        assertTrue(plan.plan(99).isEmpty());
        assertEquals(Duration.ofMinutes(1), plan.effective(99, Duration.ofMinutes(1)));
        assertEquals(2, plan.keys().size());
    }

    @Test
    void aStretchOfAWholeNumberOfStepsGivesWholeSeconds() {
        assertEquals(Duration.ofSeconds(117), QuotaPlan.stretched(Duration.ofMinutes(1), QuotaPlan.stretch(1.9500000000000002, 1), DAY));
        assertEquals(Duration.ofSeconds(117), QuotaPlan.stretched(Duration.ofMinutes(1), 39 * QuotaPlan.STEP, DAY));
        assertEquals(Duration.ofSeconds(61), QuotaPlan.stretched(Duration.ofMinutes(1), 1.0001, DAY), "a part of a second rounds up");
    }

    @Test
    void anUnknownCostCountsAsOneRequestARun() {
        Map<Long, QuotaPlan.Demand> demands = new HashMap<>();
        Map<Long, KeyBudget> budgets = new HashMap<>();
        add(demands, budgets, budget("k", "standard", 10_000, 0), 1, 1, Duration.ofMinutes(1), 0);
        assertEquals(1440, QuotaPlan.of(MIDNIGHT, demands, budgets, 0).plan(1).orElseThrow().wanted(), 0.001);
    }

    @Test
    void aStretchMovingALittleKeepsThePreviousOneAndTheTimers() {
        assertEquals(1.9, QuotaPlan.settle(1.93, 1.9), 1e-9, "under 2 % more: kept");
        assertEquals(2.0, QuotaPlan.settle(2.0, 1.9), 1e-9, "5 % more: followed, or the key would poll faster than its day allows");
        assertEquals(1.9, QuotaPlan.settle(1.75, 1.9), 1e-9, "8 % less: kept");
        assertEquals(1.65, QuotaPlan.settle(1.65, 1.9), 1e-9, "13 % less: followed");
        assertEquals(1.0, QuotaPlan.settle(1.0, 1.05), 1e-9, "a day that fits relaxes at once");
        assertEquals(1.05, QuotaPlan.settle(1.05, 1.0), 1e-9, "a first stretch applies at once");
        assertEquals(Double.POSITIVE_INFINITY, QuotaPlan.settle(Double.POSITIVE_INFINITY, 3), "a spent budget applies at once");

        Map<Long, QuotaPlan.Demand> demands = new HashMap<>();
        Map<Long, KeyBudget> budgets = new HashMap<>();
        add(demands, budgets, budget("k", "standard", 10_000, 0), 1, 40, QUARTER_HOUR, 4);
        QuotaPlan first = QuotaPlan.of(MIDNIGHT, demands, budgets, 0.1);
        // an hour on, a little more used than planned: the exact stretch moves a little, the plan keeps 1.75
        add(demands, budgets, budget("k", "standard", 10_000, 400), 1, 40, QUARTER_HOUR, 4);
        QuotaPlan later = QuotaPlan.of(MIDNIGHT.plus(Duration.ofHours(1)), demands, budgets, 0.1, first);
        assertEquals(1.75, later.plan(1).orElseThrow().stretch(), 1e-9);
    }

    /** A day shortened for tests plans the same way: its own end, and no interval beyond its length. */
    @Test
    void aShortDayIsPlannedToItsOwnEnd() {
        Instant dayEnds = Instant.parse("2026-12-02T12:02:00Z");
        Duration day = Duration.ofMinutes(2);
        Map<Long, QuotaPlan.Demand> demands = new HashMap<>();
        Map<Long, KeyBudget> budgets = new HashMap<>();
        add(demands, budgets, new KeyBudget("k", "short", 120, 0, new QuotaDay(day)), 1, 30, Duration.ofMinutes(1), 3);
        QuotaPlan plan = QuotaPlan.of(dayEnds.minusSeconds(90), demands, budgets, 0.1);
        QuotaPlan.KeyPlan key = plan.plan(1).orElseThrow();
        assertEquals(30 * 3 * 1.5, key.wanted(), 1e-9, "90 s left: one and a half runs of 3 requests each");
        assertEquals(1.3, key.stretch(), 1e-9, "135 wanted, 108 less 30 refreshes' share of 90 s left");
        assertEquals(Duration.ofSeconds(78), plan.effective(1, Duration.ofMinutes(1)));
        assertTrue(key.reason().orElseThrow().contains("before 12:02 UTC"), key.reason()::toString);

        add(demands, budgets, new KeyBudget("k", "short", 120, 110, new QuotaDay(day)), 1, 30, Duration.ofMinutes(1), 3);
        QuotaPlan spent = QuotaPlan.of(dayEnds.minusSeconds(90), demands, budgets, 0.1);
        assertEquals(day, spent.effective(1, Duration.ofMinutes(1)), "a spent budget polls at most once a (short) day");
        assertEquals(Duration.ofMinutes(5), spent.effective(1, Duration.ofMinutes(5)), "nor below the configured interval");
    }

    /**
     * No interval is stretched past a day, so instances that reach it send more than a uniform stretch assumes,
     * and the others must stretch further. 300 instances polled twice a day and one polled every minute, one
     * request a run, on a key allowed 1,000 a day: 2,040 wanted, 599 left (less the reserve and 301 refreshes).
     * The uniform stretch, 3.45, would put the twice-daily ones past a day (capped: 300 a day) and the other at
     * 207 s (417 a day), 717 in all; 4.85 fits (300 and 297).
     */
    @Test
    void instancesAtTheirDailyCapLeaveTheOthersToStretchFurther() {
        Map<Long, QuotaPlan.Demand> demands = new HashMap<>();
        Map<Long, KeyBudget> budgets = new HashMap<>();
        KeyBudget budget = budget("k", "capped", 1_000, 0);
        add(demands, budgets, budget, 1, 300, Duration.ofHours(12), 1);
        add(demands, budgets, budget, 301, 1, Duration.ofMinutes(1), 1);
        QuotaPlan plan = QuotaPlan.of(MIDNIGHT, demands, budgets, 0.1);
        QuotaPlan.KeyPlan key = plan.plan(1).orElseThrow();
        assertEquals(599, key.left(), 1e-9);
        assertEquals(4.85, key.stretch(), 1e-9, "the smallest step that fits: 4.80 polls every 288 s, 600 in all");
        assertEquals(DAY, plan.effective(1, Duration.ofHours(12)), "the twice-daily ones are polled once a day");
        assertEquals(Duration.ofSeconds(291), plan.effective(301, Duration.ofMinutes(1)));
        assertTrue(key.polls() <= key.left(), key.polls() + " planned, " + key.left() + " left");
        assertTrue(key.projected() <= 1_000 - 100, "the day fits the budget less the reserve: " + key.projected());
        assertFalse(key.cannotFit(), key::toString);
    }

    /** A key whose instances want more than is left even at one poll a day each says so, and plans them once a day. */
    @Test
    void aKeyThatCannotFitEvenAtOnePollADaySaysSo() {
        Instant dayStarts = Instant.parse("2026-12-02T12:00:00Z");
        Map<Long, QuotaPlan.Demand> demands = new HashMap<>();
        Map<Long, KeyBudget> budgets = new HashMap<>();
        // the first short-day acceptance test: 30 instances of 4 requests a run at 1 minute, 120 a 2-minute day
        add(demands, budgets, new KeyBudget("k", "short", 120, 0, new QuotaDay(Duration.ofMinutes(2))), 1, 30, Duration.ofMinutes(1), 4);
        QuotaPlan plan = QuotaPlan.of(dayStarts, demands, budgets, 0.1);
        QuotaPlan.KeyPlan key = plan.plan(1).orElseThrow();
        assertEquals(Duration.ofMinutes(2), plan.effective(1, Duration.ofMinutes(1)), "once a (short) day");
        assertEquals(120, key.atLeast(), 1e-9);
        assertTrue(key.cannotFit(), key::toString);
        assertEquals(121, key.projected(), "120 polls and a share of the refreshes, over the 108 the reserve leaves");
        assertTrue(key.reason().orElseThrow().contains("Even polled once a day each they would send about 120, more than the 107 left"),
                key.reason().orElseThrow());

        // the same instances on a key allowed 200: 240 wanted, 180 left, stretched 1.35 and within it
        add(demands, budgets, new KeyBudget("k", "short", 200, 0, new QuotaDay(Duration.ofMinutes(2))), 1, 30, Duration.ofMinutes(1), 4);
        QuotaPlan fits = QuotaPlan.of(dayStarts, demands, budgets, 0.1);
        QuotaPlan.KeyPlan roomier = fits.plan(1).orElseThrow();
        assertFalse(roomier.cannotFit(), roomier::toString);
        assertEquals(1.35, roomier.stretch(), 1e-9);
        assertTrue(roomier.polls() <= roomier.left(), roomier::toString);
        assertFalse(roomier.reason().orElseThrow().contains("Even polled once a day"), roomier.reason().orElseThrow());
    }

    /** Whatever the budgets, costs, intervals and time of day: a stretched day fits, and no interval shrinks. */
    @Test
    void aStretchedDayAlwaysFitsTheBudgetLessTheReserve() {
        Random random = new Random(13);
        for (int round = 0; round < 2_000; round++) {
            int perDay = 100 + random.nextInt(250_000);
            long used = random.nextInt(perDay);
            KeyBudget budget = budget("k", "key", perDay, used);
            Map<Long, QuotaPlan.Demand> demands = new HashMap<>();
            Map<Long, KeyBudget> budgets = new HashMap<>();
            int instances = 1 + random.nextInt(200);
            for (long id = 0; id < instances; id++) {
                demands.put(id, new QuotaPlan.Demand(Duration.ofSeconds(10 + random.nextInt(86_400)), 1 + random.nextInt(30)));
                budgets.put(id, budget);
            }
            Instant now = MIDNIGHT.plusSeconds(random.nextInt(86_400));
            double reserve = random.nextDouble() * 0.5;
            QuotaPlan plan = QuotaPlan.of(now, demands, budgets, reserve);
            QuotaPlan.KeyPlan key = plan.plan(0).orElseThrow();
            for (long id = 0; id < instances; id++) {
                Duration configured = demands.get(id).interval();
                assertTrue(plan.effective(id, configured).compareTo(configured) >= 0, "round " + round);
            }
            if (key.left() > 0 && !key.cannotFit()) {
                assertTrue(key.polls() <= key.left() + 1e-6, "round " + round + ": " + key.polls() + " planned, " + key.left() + " left");
            }
            assertTrue(key.polls() >= key.atLeast() - 1e-6, "round " + round + ": nothing polls less than once a day");
            assertTrue(key.stretch() == 1.0 || key.wanted() > key.left(), "round " + round + ": stretched although it fits");
        }
    }
}
