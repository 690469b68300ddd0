import dev.changewire.platform.control.QuotaDay;
import dev.changewire.polling.control.QuotaPlan;
import dev.changewire.polling.entity.KeyBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The quota planner's plan of a realistic case, printed as docs/quota.md's table: 40 instances × (3
 * resources + the unsubscribes sweep) at 15 minutes, on a standard and on a partner key, at 00:00 UTC.
 * Run after a build: java -cp target/classes bench/QuotaPlanTable.java [instances] [minutes] [requestsPerRun] [hourUtc]
 */
public class QuotaPlanTable {

    public static void main(String[] args) {
        int instances = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Duration interval = Duration.ofMinutes(args.length > 1 ? Long.parseLong(args[1]) : 15);
        double cost = args.length > 2 ? Double.parseDouble(args[2]) : 4;
        Instant at = Instant.parse("2026-12-02T00:00:00Z").plus(Duration.ofHours(args.length > 3 ? Long.parseLong(args[3]) : 0));
        System.out.printf("%d instances, %s, %.1f requests a run, planned at %s, reserve 10%%%n", instances, interval, cost, at);
        System.out.println("| key | budget/day | wanted at configured | left for polls | stretch | effective interval | projected day |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (var key : Map.of("standard", 10_000, "partner", 250_000).entrySet()) {
            Map<Long, QuotaPlan.Demand> demands = new HashMap<>();
            Map<Long, KeyBudget> budgets = new HashMap<>();
            for (long id = 1; id <= instances; id++) {
                demands.put(id, new QuotaPlan.Demand(interval, cost));
                budgets.put(id, new KeyBudget(key.getKey(), key.getKey(), key.getValue(), 0, QuotaDay.UTC));
            }
            QuotaPlan plan = QuotaPlan.of(at, demands, budgets, 0.1);
            QuotaPlan.KeyPlan p = plan.plan(1).orElseThrow();
            System.out.printf("| %s | %,d | %,d | %,.0f | %s | %s | %,d |%n", key.getKey(), key.getValue(), p.projectedAtConfigured(),
                    p.left(), p.stretch(), plan.effective(1, interval), p.projected());
        }
    }
}
