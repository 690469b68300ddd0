package dev.changewire.instances.control;

import java.util.Map;
import java.util.Set;

/**
 * The checks a component above {@code instances} makes on its own configuration keys, found by CDI:
 * {@code instances} runs every rule when an instance is saved, so what the API accepts is exactly what
 * the component later reads (with the same parsers), and {@code instances} imports none of them.
 */
public interface ConfigurationRule {

    /** The keys this rule checks: those {@link ConfigurationKeys} registers for its component. */
    Set<String> keys();

    /**
     * Checks the whole configuration as it would be saved (clear values, after merging).
     *
     * @throws IllegalArgumentException whose message starts with the offending key and says why (a 400)
     */
    void check(Map<String, String> configuration);

    /** Fills in what a new instance gets when it gives none (a generated secret, say). */
    default void complete(Map<String, String> configuration) {
    }

    /** Defaults this component computes (key to text), published with the element's metadata. */
    default Map<String, String> defaults() {
        return Map.of();
    }
}
