package dev.changewire.polling.control;

import dev.changewire.instances.control.ConfigurationKeys;
import dev.changewire.instances.control.ConfigurationRule;
import dev.changewire.platform.control.JsonText;
import dev.changewire.polling.entity.Classification;
import dev.changewire.polling.entity.PollerConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The poller's keys, checked with the parsers {@link PollTargets} reads them with: an instance the API
 * accepts is one the poller runs (an interval the poller would refuse as too long is a 400 here).
 */
@ApplicationScoped
public class PollingConfigurationRule implements ConfigurationRule {

    private final Duration minimumInterval;

    /** For CDI's client proxy only. */
    protected PollingConfigurationRule() {
        this.minimumInterval = null;
    }

    @Inject
    public PollingConfigurationRule(PollerSettings settings) {
        this(settings.minimumInterval());
    }

    /** With the operator's shortest interval ({@code changewire.poller.minimum-interval}). */
    public PollingConfigurationRule(Duration minimumInterval) {
        this.minimumInterval = minimumInterval;
    }

    @Override
    public Set<String> keys() {
        return Set.of(ConfigurationKeys.REFRESH_INTERVAL, ConfigurationKeys.POLLER_CONFIGURATION, ConfigurationKeys.POLLER_TIMEZONE,
                ConfigurationKeys.POLLER_CLASSIFICATION);
    }

    @Override
    public void check(Map<String, String> configuration) {
        String interval = configuration.get(ConfigurationKeys.REFRESH_INTERVAL);
        if (interval != null && !interval.isBlank()) {
            RefreshInterval.requireAtLeast(RefreshInterval.parse(interval), minimumInterval);
        }
        String pollerConfiguration = configuration.get(ConfigurationKeys.POLLER_CONFIGURATION);
        if (pollerConfiguration != null && !pollerConfiguration.isBlank()) {
            // the stored text is the object or (sent as a string of a string) a JSON string holding it; read with the body's limits
            PollerConfiguration.parse(JsonText.value(pollerConfiguration, "configuration." + ConfigurationKeys.POLLER_CONFIGURATION));
        }
        PollerTimeZone.parse(configuration.get(ConfigurationKeys.POLLER_TIMEZONE));
        Classification.parse(configuration.get(ConfigurationKeys.POLLER_CLASSIFICATION));
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of(ConfigurationKeys.POLLER_CONFIGURATION, PollerConfiguration.constantContactDefaults().toJson().toString());
    }
}
