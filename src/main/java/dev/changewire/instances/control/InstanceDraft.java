package dev.changewire.instances.control;

import java.util.List;
import java.util.Map;

/**
 * An instance request body, parsed. Absent parts are null (a PATCH changes only what is given);
 * a configuration value of null removes that key on a merge.
 */
public record InstanceDraft(String elementKey, String name, List<String> tags, Map<String, String> configuration,
        String code, String externalAuthentication) {

    public boolean hasCode() {
        return code != null && !code.isBlank();
    }

    public boolean isExternalAuthentication() {
        return externalAuthentication != null;
    }
}
