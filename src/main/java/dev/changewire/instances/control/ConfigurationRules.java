package dev.changewire.instances.control;

import dev.changewire.instances.entity.ConfigurationKey;
import dev.changewire.platform.control.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every component's {@link ConfigurationRule}, run together when an instance is saved. */
@ApplicationScoped
public class ConfigurationRules {

    @Inject
    @Any
    Instance<ConfigurationRule> found;

    private List<ConfigurationRule> rules;

    /** For CDI. */
    public ConfigurationRules() {
    }

    /** The given rules (tests). */
    public ConfigurationRules(List<ConfigurationRule> rules) {
        this.rules = List.copyOf(rules);
        requireEveryKeyChecked();
    }

    @PostConstruct
    void collect() {
        List<ConfigurationRule> all = new ArrayList<>();
        found.forEach(all::add);
        rules = List.copyOf(all);
        requireEveryKeyChecked();
    }

    /**
     * Runs every rule on the configuration as it would be saved.
     *
     * @throws ApiException a 400 naming the key and why
     */
    public void check(Map<String, String> configuration) {
        for (ConfigurationRule rule : rules) {
            try {
                rule.check(configuration);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("configuration." + e.getMessage());
            }
        }
    }

    /** Fills in what a new instance gets when it gives none. */
    public void complete(Map<String, String> configuration) {
        rules.forEach(rule -> rule.complete(configuration));
    }

    /** Each key's default as the element publishes it: registered, or computed by the key's rule. */
    public Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (ConfigurationKey key : ConfigurationKeys.ALL) {
            if (key.defaultValue() != null) {
                defaults.put(key.name(), key.defaultValue());
            }
        }
        rules.forEach(rule -> defaults.putAll(rule.defaults()));
        return defaults;
    }

    /** A key registered for a component that no rule of that component checks is a deployment mistake, found at startup. */
    private void requireEveryKeyChecked() {
        List<String> claimed = new ArrayList<>();
        rules.forEach(rule -> claimed.addAll(rule.keys()));
        for (ConfigurationKey key : ConfigurationKeys.ALL) {
            if (!key.component().equals(ConfigurationKeys.INSTANCES) && !claimed.contains(key.name())) {
                throw new IllegalStateException("configuration key " + key.name() + " belongs to " + key.component()
                        + " but no ConfigurationRule checks it");
            }
        }
    }
}
