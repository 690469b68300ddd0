package dev.changewire.elements.constantcontact.control;

import dev.changewire.hubs.control.CeqlEvaluator;
import dev.changewire.hubs.control.DateLiteral;
import dev.changewire.hubs.entity.Condition;
import dev.changewire.hubs.entity.FieldPath;
import dev.changewire.hubs.entity.Literal;
import dev.changewire.hubs.entity.Operator;
import dev.changewire.platform.control.ApiException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Splits a hub {@code where} clause into Constant Contact query parameters and an in-memory residual.
 * <p>
 * The rule that keeps this correct: a parameter may only ever make Constant Contact return MORE than
 * the predicate it comes from admits, never less, and the residual is always the whole clause (minus
 * the {@code status='ALL'} pseudo-predicate), so every pushed predicate is evaluated again in memory.
 * Hence:
 * <ul>
 * <li>only top-level {@code AND} conjuncts are pushed; anything under {@code OR} stays in memory;</li>
 * <li>date bounds are widened by one second beyond the literal, truncated to whole seconds, because
 *     Constant Contact does not document whether {@code after}/{@code before} are inclusive or
 *     exclusive, nor the precision it compares at: {@code modified_date >= T} becomes
 *     {@code updated_after=T-1s}, {@code modified_date <= T} becomes {@code updated_before=T+1s}, and
 *     the residual applies the exact bound;</li>
 * <li>a status that has no exact Constant Contact equivalent widens to {@code status=all};</li>
 * <li>whenever the clause mentions {@code status}, {@code deleted_date}/{@code deleted_at} or
 *     {@code modified_since} and no narrower status was pushed, contacts and lists are asked for
 *     {@code status=all}, because Constant Contact's default leaves deleted records out and the clause
 *     may want them (and the seed's {@code modified_since} poll must see deletions).</li>
 * </ul>
 * Mapping: campaigns ({@code GET /emails}) {@code modified_date}/{@code updated_at}/{@code modified_since}
 * → {@code after_date}/{@code before_date}. Contacts ({@code GET /contacts}) the same dates →
 * {@code updated_after}/{@code updated_before}, {@code created_date}/{@code created_at} →
 * {@code created_after}/{@code created_before}, {@code email} or {@code email_address.address} =
 * → {@code email}, {@code status} = / IN → {@code status} (comma list). Lists ({@code GET /contact_lists})
 * {@code name} = → {@code name}, {@code status} = / IN → {@code status}; no date parameter exists, so
 * date predicates are residual only.
 * <p>
 * On contacts, {@code email} names {@code email_address.address}: the residual is rewritten so.
 */
public final class ConstantContactPushDown {

    static final String MODIFIED_SINCE = CeqlEvaluator.MODIFIED_SINCE;
    static final String ALL = "all";

    /** Normalized contact statuses and the Constant Contact {@code status} value that lists them. */
    private static final Map<String, String> CONTACT_STATUSES = Map.of(
            "deleted", "deleted",
            "active", "active",
            "explicit", "active",
            "implicit", "active",
            "unsubscribed", "unsubscribed",
            "pending_confirmation", "pending_confirmation",
            "temp_hold", "temp_hold",
            "not_set", "not_set");

    private static final Map<String, String> LIST_STATUSES = Map.of("deleted", "deleted", "active", "active");

    private ConstantContactPushDown() {
    }

    /** Plans a query; {@code where} may be null (no filter). Throws a 400 for a malformed pseudo-predicate. */
    public static ConstantContactQuery plan(ConstantContactResource resource, Condition where) {
        if (where != null) {
            validate(where);
        }
        if (resource == ConstantContactResource.CONTACTS && where != null) {
            where = rename(where, "email", FieldPath.of("email_address", "address"));
        }
        List<Condition> conjuncts = where == null ? List.of()
                : where instanceof Condition.And and ? and.operands() : List.of(where);
        Planner planner = new Planner(resource);
        conjuncts.forEach(planner::push);
        List<Condition> residual = new ArrayList<>();
        for (Condition conjunct : conjuncts) {
            if (!CeqlEvaluator.isAllStatuses(conjunct)) {
                residual.add(conjunct);
            }
        }
        boolean wantsAll = where != null && mentions(where, resource);
        Map<String, List<String>> parameters = planner.parameters(wantsAll);
        Condition rest = residual.isEmpty() ? null : residual.size() == 1 ? residual.get(0) : new Condition.And(residual);
        return new ConstantContactQuery(resource.path(), parameters, rest);
    }

    /** {@code modified_since} only makes sense as {@code modified_since = '<date>'}. */
    private static void validate(Condition condition) {
        forEachPredicate(condition, predicate -> {
            FieldPath field = field(predicate);
            if (field.is(MODIFIED_SINCE) && !(predicate instanceof Condition.Comparison comparison
                    && comparison.operator() == Operator.EQ && comparison.value() instanceof Literal.Text text
                    && DateLiteral.parse(text.value()).isPresent())) {
                throw ApiException.badRequest("where: modified_since takes a quoted ISO-8601 date, e.g. "
                        + "modified_since='2020-01-01T00:00:00Z'");
            }
        });
    }

    private static boolean mentions(Condition where, ConstantContactResource resource) {
        if (resource == ConstantContactResource.CAMPAIGNS) {
            return false;
        }
        boolean[] found = {false};
        forEachPredicate(where, predicate -> {
            FieldPath field = field(predicate);
            if (field.is(CeqlEvaluator.STATUS) || field.is(RecordNormalizer.DELETED_DATE) || field.is("deleted_at")
                    || field.is(MODIFIED_SINCE)) {
                found[0] = true;
            }
        });
        return found[0];
    }

    private interface PredicateVisitor {
        void visit(Condition predicate);
    }

    private static void forEachPredicate(Condition condition, PredicateVisitor visitor) {
        if (condition instanceof Condition.And and) {
            and.operands().forEach(operand -> forEachPredicate(operand, visitor));
        } else if (condition instanceof Condition.Or or) {
            or.operands().forEach(operand -> forEachPredicate(operand, visitor));
        } else {
            visitor.visit(condition);
        }
    }

    private static FieldPath field(Condition predicate) {
        if (predicate instanceof Condition.Comparison comparison) {
            return comparison.field();
        }
        if (predicate instanceof Condition.Like like) {
            return like.field();
        }
        if (predicate instanceof Condition.In in) {
            return in.field();
        }
        if (predicate instanceof Condition.IsNull isNull) {
            return isNull.field();
        }
        throw new IllegalArgumentException("not a predicate: " + predicate);
    }

    /** The condition with every field named {@code from} (one segment) replaced by {@code to}. */
    static Condition rename(Condition condition, String from, FieldPath to) {
        UnaryOperator<FieldPath> swap = field -> field.is(from) ? to : field;
        if (condition instanceof Condition.And and) {
            return new Condition.And(and.operands().stream().map(c -> rename(c, from, to)).toList());
        }
        if (condition instanceof Condition.Or or) {
            return new Condition.Or(or.operands().stream().map(c -> rename(c, from, to)).toList());
        }
        if (condition instanceof Condition.Comparison c) {
            return new Condition.Comparison(swap.apply(c.field()), c.operator(), c.value());
        }
        if (condition instanceof Condition.Like c) {
            return new Condition.Like(swap.apply(c.field()), c.pattern(), c.negated());
        }
        if (condition instanceof Condition.In c) {
            return new Condition.In(swap.apply(c.field()), c.values(), c.negated());
        }
        if (condition instanceof Condition.IsNull c) {
            return new Condition.IsNull(swap.apply(c.field()), c.negated());
        }
        throw new IllegalArgumentException("unknown condition " + condition);
    }

    /** Collects what the top-level conjuncts allow pushing. */
    private static final class Planner {
        final ConstantContactResource resource;
        Instant modifiedAfter;
        Instant modifiedBefore;
        Instant createdAfter;
        Instant createdBefore;
        String email;
        String name;
        /** Constant Contact status values that together list every record the clause admits; null: no narrowing. */
        Set<String> statuses;

        Planner(ConstantContactResource resource) {
            this.resource = resource;
        }

        void push(Condition conjunct) {
            if (conjunct instanceof Condition.Comparison comparison) {
                pushComparison(comparison);
            } else if (conjunct instanceof Condition.In in && !in.negated() && in.field().is(CeqlEvaluator.STATUS)) {
                pushStatuses(in.values());
            }
        }

        private void pushComparison(Condition.Comparison comparison) {
            FieldPath field = comparison.field();
            Operator operator = comparison.operator();
            if (field.is(MODIFIED_SINCE)) {
                field = FieldPath.of(RecordNormalizer.MODIFIED_DATE);
                operator = Operator.GE;
            }
            if (!(comparison.value() instanceof Literal.Text text)) {
                return;
            }
            if (operator == Operator.EQ && field.is(CeqlEvaluator.STATUS)) {
                pushStatuses(List.of(text));
                return;
            }
            if (operator == Operator.EQ && resource == ConstantContactResource.CONTACTS
                    && field.equals(FieldPath.of("email_address", "address"))) {
                email = email == null ? text.value() : email;
                return;
            }
            if (operator == Operator.EQ && resource == ConstantContactResource.LISTS && field.is("name")) {
                name = name == null ? text.value() : name;
                return;
            }
            Optional<Instant> date = DateLiteral.parse(text.value());
            if (date.isEmpty() || operator == Operator.NE) {
                return;
            }
            boolean lower = operator == Operator.EQ || operator == Operator.GE || operator == Operator.GT;
            boolean upper = operator == Operator.EQ || operator == Operator.LE || operator == Operator.LT;
            Instant after = date.get().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
            Instant before = ceilToSecond(date.get()).plusSeconds(1);
            if (field.is(RecordNormalizer.MODIFIED_DATE) || field.is("updated_at")) {
                if (lower) {
                    modifiedAfter = later(modifiedAfter, after);
                }
                if (upper) {
                    modifiedBefore = earlier(modifiedBefore, before);
                }
            } else if (field.is(RecordNormalizer.CREATED_DATE) || field.is("created_at")) {
                if (lower) {
                    createdAfter = later(createdAfter, after);
                }
                if (upper) {
                    createdBefore = earlier(createdBefore, before);
                }
            }
        }

        private void pushStatuses(List<Literal> values) {
            Map<String, String> known = switch (resource) {
                case CONTACTS -> CONTACT_STATUSES;
                case LISTS -> LIST_STATUSES;
                case CAMPAIGNS -> Map.of();
            };
            if (known.isEmpty()) {
                return;
            }
            Set<String> mapped = new LinkedHashSet<>();
            for (Literal value : values) {
                String provider = value instanceof Literal.Text text ? known.get(text.value().toLowerCase(Locale.ROOT)) : null;
                if (provider == null) {
                    // 'ALL', or a value Constant Contact has no filter for: this conjunct cannot narrow
                    return;
                }
                mapped.add(provider);
            }
            if (statuses == null) {
                statuses = mapped;
            } else {
                Set<String> both = new LinkedHashSet<>(statuses);
                both.retainAll(mapped);
                // an empty intersection admits no record; keeping the wider set is still correct
                if (!both.isEmpty()) {
                    statuses = both;
                }
            }
        }

        Map<String, List<String>> parameters(boolean wantsAllStatuses) {
            Map<String, List<String>> parameters = new LinkedHashMap<>();
            switch (resource) {
                case CAMPAIGNS -> {
                    put(parameters, "after_date", modifiedAfter);
                    put(parameters, "before_date", modifiedBefore);
                }
                case CONTACTS -> {
                    put(parameters, "updated_after", modifiedAfter);
                    put(parameters, "updated_before", modifiedBefore);
                    put(parameters, "created_after", createdAfter);
                    put(parameters, "created_before", createdBefore);
                    if (email != null) {
                        parameters.put("email", List.of(email));
                    }
                    putStatus(parameters, wantsAllStatuses, true);
                }
                case LISTS -> {
                    if (name != null) {
                        parameters.put("name", List.of(name));
                    }
                    putStatus(parameters, wantsAllStatuses, false);
                }
            }
            return parameters;
        }

        private void putStatus(Map<String, List<String>> parameters, boolean wantsAll, boolean commaList) {
            if (statuses != null && (commaList || statuses.size() == 1)) {
                parameters.put("status", List.of(String.join(",", statuses)));
            } else if (statuses != null || wantsAll) {
                parameters.put("status", List.of(ALL));
            }
        }

        private static void put(Map<String, List<String>> parameters, String name, Instant value) {
            if (value != null) {
                parameters.put(name, List.of(DateLiteral.format(value)));
            }
        }

        private static Instant ceilToSecond(Instant instant) {
            Instant floor = instant.truncatedTo(ChronoUnit.SECONDS);
            return floor.equals(instant) ? floor : floor.plusSeconds(1);
        }

        private static Instant later(Instant current, Instant candidate) {
            return current == null || candidate.isAfter(current) ? candidate : current;
        }

        private static Instant earlier(Instant current, Instant candidate) {
            return current == null || candidate.isBefore(current) ? candidate : current;
        }
    }
}
