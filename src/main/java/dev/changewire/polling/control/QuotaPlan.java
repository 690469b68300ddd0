package dev.changewire.polling.control;

import dev.changewire.polling.entity.KeyBudget;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rest of the day's requests per budget (API key), and how far its instances' intervals are
 * stretched so that the day fits. A budget's day is the provider's (Constant Contact's ends at 00:00 UTC).
 * <p>
 * For each budget: the polls still to come at the configured intervals (each instance's requests per
 * run, learned from its recent runs, times the runs left before its day ends), plus one token refresh per
 * instance and day, are compared with what is left of the budget after the reserve kept for hub calls.
 * When they do not fit, every interval on that budget is stretched by the same factor, never below its
 * configured value, so the budget is spread over the hours left instead of running dry in the evening;
 * the factor is worked out again every plan, so it relaxes as soon as the day fits again. Hub calls made
 * so far are in the budget's used count; the ones still to come are what the reserve is for.
 *
 * @param at    when the plan was made
 * @param keys  the plan of each budget, by its key
 * @param keyOf each planned instance's budget key
 */
public record QuotaPlan(Instant at, Map<String, KeyPlan> keys, Map<Long, String> keyOf) {

    /** No budget known: every instance at its configured interval. */
    static final QuotaPlan NONE = new QuotaPlan(Instant.EPOCH, Map.of(), Map.of());
    /** Stretch factors are rounded up to this step, so that a plan moving a little keeps every timer as it is. */
    static final double STEP = 0.05;
    /** How far a new stretch may fall below the previous one before the timers follow it. */
    static final double KEEP = 0.1;
    /** How far a new stretch may rise above the previous one before the timers follow it. */
    static final double KEEP_UP = 0.02;
    /** Access tokens live a day, whatever the budget's day: one refresh per instance and 24 hours. */
    private static final double SECONDS_PER_REFRESH = 86_400;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    /** What one instance asks of its budget: its configured interval and what one of its runs costs. */
    public record Demand(Duration interval, double requestsPerRun) {
    }

    /**
     * One budget's day.
     *
     * @param reserve   requests kept for hub calls
     * @param refreshes token refreshes expected before the day ends (one per instance and 24 hours)
     * @param wanted    poll requests before the day ends at the configured intervals
     * @param left      what polls may use before the day ends: the budget minus used, reserve and refreshes
     * @param stretch   the factor every interval on this budget is multiplied by (1: as configured)
     * @param polls     poll requests before the day ends at the effective intervals (each capped at the day)
     * @param atLeast   poll requests before the day ends with every instance polled once a day, the fewest a plan
     *                  can ask for: above {@code left}, the polls spend part of the reserve
     * @param dayEnds   when the budget renews
     * @param day       how long the budget's day lasts: no interval is stretched beyond it (or beyond its
     *                  configured value, if longer), as a new day brings a new budget
     */
    public record KeyPlan(String key, String label, int perDay, long usedToday, long reserve, double refreshes, double wanted,
                          double left, double stretch, double polls, double atLeast, List<Long> instances, Instant dayEnds,
                          Duration day) {

        public boolean stretched() {
            return stretch > 1.0;
        }

        /** The requests the day ends with at the configured intervals. */
        public long projectedAtConfigured() {
            return usedToday + Math.round(Math.ceil(wanted + refreshes));
        }

        /** The requests the day ends with at the effective (stretched) intervals. */
        public long projected() {
            return usedToday + Math.round(Math.ceil(polls + refreshes));
        }

        /** Whether the instances want more than is left even when each is polled once a day. */
        public boolean cannotFit() {
            return left > 0 && atLeast > left + 1e-6;
        }

        /** Why the intervals are stretched, in an operator's words; empty when they are not. */
        public Optional<String> reason() {
            if (!stretched()) {
                return Optional.empty();
            }
            String situation = String.format(Locale.ROOT,
                    "API key %s: at the configured intervals its %s would send about %d more requests before"
                            + " %s UTC, but %d of its %d requests a day are used and %d are kept for hub calls",
                    label, instances.size() == 1 ? "polled instance" : instances.size() + " polled instances",
                    Math.round(Math.ceil(wanted + refreshes)), CLOCK.format(dayEnds), usedToday, perDay, reserve);
            if (Double.isInfinite(stretch)) {
                return Optional.of(situation + ", so its instances are polled at most once more before the budget renews at "
                        + CLOCK.format(dayEnds) + " UTC");
            }
            String plan = situation + String.format(Locale.ROOT, ", so every interval on this key is stretched %.2f times", stretch);
            return Optional.of(cannotFit()
                    ? plan + String.format(Locale.ROOT, ". Even polled once a day each they would send about %d, more than the %d left:"
                            + " the polls spend part of the reserve. Fewer instances or resources on this key, or a higher limit for it,"
                            + " would fit", Math.round(Math.ceil(atLeast)), Math.round(Math.floor(left)))
                    : plan);
        }
    }

    /**
     * Plans the rest of the day.
     *
     * @param demands         the instances to be polled, by id
     * @param budgets         each instance's budget (instances without one are not stretched)
     * @param reserveFraction the share of each budget kept for hub calls (0 to 1)
     */
    public static QuotaPlan of(Instant now, Map<Long, Demand> demands, Map<Long, KeyBudget> budgets, double reserveFraction) {
        return of(now, demands, budgets, reserveFraction, NONE);
    }

    /** Plans the rest of the day, keeping a budget's previous stretch while the new one is within {@link #KEEP} below or {@link #KEEP_UP} above it. */
    public static QuotaPlan of(Instant now, Map<Long, Demand> demands, Map<Long, KeyBudget> budgets, double reserveFraction,
            QuotaPlan previous) {
        Map<String, List<Long>> members = new TreeMap<>();
        Map<String, KeyBudget> budgetOf = new HashMap<>();
        Map<Long, String> keyOf = new HashMap<>();
        demands.keySet().stream().sorted().forEach(id -> {
            KeyBudget budget = budgets.get(id);
            if (budget != null) {
                members.computeIfAbsent(budget.key(), k -> new ArrayList<>()).add(id);
                budgetOf.putIfAbsent(budget.key(), budget);
                keyOf.put(id, budget.key());
            }
        });
        Map<String, KeyPlan> keys = new TreeMap<>();
        members.forEach((key, ids) -> {
            KeyBudget budget = budgetOf.get(key);
            Instant dayEnds = budget.day().ends(now);
            double secondsLeft = Math.max(1, Duration.between(now, dayEnds).toMillis() / 1000.0);
            Duration day = budget.day().length();
            List<Demand> asked = ids.stream().map(demands::get).toList();
            double wanted = polls(asked, secondsLeft, 1.0, day);
            long reserve = (long) Math.ceil(budget.perDay() * reserveFraction);
            double refreshes = ids.size() * secondsLeft / SECONDS_PER_REFRESH;
            double left = budget.perDay() - budget.usedToday() - reserve - refreshes;
            KeyPlan before = previous.keys().get(key);
            double stretch = settle(fitting(asked, secondsLeft, left, day, stretch(wanted, left)), before == null ? 1.0 : before.stretch());
            keys.put(key, new KeyPlan(key, budget.label(), budget.perDay(), budget.usedToday(), reserve, refreshes, wanted, left, stretch,
                    polls(asked, secondsLeft, stretch, day), polls(asked, secondsLeft, Double.POSITIVE_INFINITY, day), List.copyOf(ids),
                    dayEnds, day));
        });
        return new QuotaPlan(now, Map.copyOf(keys), Map.copyOf(keyOf));
    }

    /** Poll requests before the day ends at the given stretch: each interval stretched, and capped at the day ({@link #stretched}). */
    static double polls(List<Demand> demands, double secondsLeft, double stretch, Duration day) {
        double polls = 0;
        for (Demand demand : demands) {
            Duration effective = stretched(demand.interval(), stretch, day);
            polls += Math.max(1, demand.requestsPerRun()) * secondsLeft / Math.max(1, effective.toMillis() / 1000.0);
        }
        return polls;
    }

    /**
     * The stretch that makes the polls fit in {@code left}, from {@code first} (which fits when no interval reaches
     * the day): no interval is stretched past a day, so the instances that reach it send more than their share, and
     * the others must stretch further. The smallest whole number of {@link #STEP}s that fits, found by doubling and
     * halving; when not even one poll a day each fits, the stretch that polls every instance once a day.
     */
    static double fitting(List<Demand> demands, double secondsLeft, double left, Duration day, double first) {
        if (first <= 1.0 || Double.isInfinite(first) || polls(demands, secondsLeft, first, day) <= left) {
            return first;
        }
        // beyond this stretch every interval is at its cap and nothing changes
        double all = 1.0;
        for (Demand demand : demands) {
            all = Math.max(all, (double) longest(demand.interval(), day).toMillis() / Math.max(1, demand.interval().toMillis()));
        }
        long low = Math.round(first / STEP); // too small
        long high = (long) Math.ceil(all / STEP - 1e-9);
        if (high <= low || polls(demands, secondsLeft, high * STEP, day) > left) {
            return Math.max(first, high * STEP);
        }
        while (high - low > 1) {
            long middle = low + (high - low) / 2;
            if (polls(demands, secondsLeft, middle * STEP, day) <= left) {
                high = middle;
            } else {
                low = middle;
            }
        }
        return high * STEP;
    }

    /** The factor that makes {@code wanted} fit in {@code left}, rounded up to {@link #STEP}; infinite when nothing is left. */
    static double stretch(double wanted, double left) {
        if (wanted <= left) {
            return 1.0;
        }
        if (left <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double exact = wanted / left;
        return Math.ceil(exact / STEP - 1e-9) * STEP;
    }

    /**
     * The stretch to use: the new one, unless both stretch and the new one is at most {@link #KEEP} below the
     * previous or at most {@link #KEEP_UP} above it. Every change of a stretch replaces the timers of the key's
     * instances, and a replaced timer waits for its first slot on the new interval; keeping the stretch through
     * small moves avoids that. The band is narrow upwards: a kept stretch below the needed one polls faster than
     * the day allows (a bench ran 4 % over its pace with a symmetric band); one above it only polls a little less.
     */
    static double settle(double wanted, double previous) {
        if (wanted <= 1.0 || previous <= 1.0 || Double.isInfinite(wanted) || Double.isInfinite(previous)) {
            return wanted;
        }
        return wanted >= previous * (1 - KEEP) && wanted <= previous * (1 + KEEP_UP) ? previous : wanted;
    }

    /** The interval the instance is polled at: its configured one, stretched by its budget's plan. */
    public Duration effective(long instanceId, Duration configured) {
        return plan(instanceId).map(p -> stretched(configured, p.stretch(), p.day())).orElse(configured);
    }

    /** The longest an interval is stretched to: a day, or the configured interval when that is longer. */
    private static Duration longest(Duration configured, Duration day) {
        return configured.compareTo(day) > 0 ? configured : day;
    }

    /** The plan of the instance's budget, if it has one. */
    public Optional<KeyPlan> plan(long instanceId) {
        String key = keyOf.get(instanceId);
        return key == null ? Optional.empty() : Optional.ofNullable(keys.get(key));
    }

    static Duration stretched(Duration configured, double stretch, Duration day) {
        if (stretch <= 1.0) {
            return configured;
        }
        Duration longest = longest(configured, day);
        // to the millisecond first: 1.95 is 1.9500000000000002 as a double, and 60 s of it must not round up to 118 s
        long millis = Math.round(configured.toMillis() * stretch);
        if (millis >= longest.toMillis()) {
            return longest;
        }
        // whole seconds, rounded up: an interval is never shorter than the plan asks
        return Duration.ofSeconds((millis + 999) / 1000);
    }
}
