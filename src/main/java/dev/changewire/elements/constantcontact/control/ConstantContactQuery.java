package dev.changewire.elements.constantcontact.control;

import dev.changewire.hubs.entity.Condition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Collections;

/**
 * A hub query planned for Constant Contact: the collection path (below {@code .../v3}), the query
 * parameters that narrow it at the provider, and the residual condition to evaluate on every
 * normalized record (null: keep every record).
 */
public record ConstantContactQuery(String path, Map<String, List<String>> parameters, Condition residual) {

    public ConstantContactQuery {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        parameters.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        parameters = Collections.unmodifiableMap(copy);
    }

    /** The single value of a parameter, or null; for tests and for callers that know it is single. */
    public String parameter(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
