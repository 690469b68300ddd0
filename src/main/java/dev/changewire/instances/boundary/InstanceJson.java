package dev.changewire.instances.boundary;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.instances.control.ConfigurationKeys;
import dev.changewire.instances.control.ElementCatalog;
import dev.changewire.instances.entity.ConfigurationItem;
import dev.changewire.instances.entity.ConfigurationKey;
import dev.changewire.instances.entity.InstanceView;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** Instances in Cloud Elements' JSON shape. */
final class InstanceJson {

    private InstanceJson() {
    }

    static JsonObject of(InstanceView v) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("id", v.id())
                .add("name", v.name());
        if (v.token() != null) {
            b.add("token", v.token());
        }
        b.add("element", JSON.createObjectBuilder().add("key", v.elementKey()).add("name", ElementCatalog.name(v.elementKey())));
        JsonArrayBuilder tags = JSON.createArrayBuilder();
        v.tags().forEach(tags::add);
        b.add("tags", tags);
        JsonObjectBuilder configuration = JSON.createObjectBuilder();
        v.configuration().forEach((key, value) -> configuration.add(key, value == null ? JsonValue.NULL : JSON.createValue(value)));
        b.add("configuration", configuration)
                .add("eventsEnabled", v.eventsEnabled())
                .add("eventsNotificationCallbackUrl", text(v.eventsNotificationCallbackUrl()))
                .add("disabled", v.disabled())
                .add("valid", v.valid());
        if (!v.valid()) {
            b.add("validationReason", text(v.validationReason()));
        }
        if (v.quotaPausedUntil() != null) {
            b.add("quotaPausedUntil", v.quotaPausedUntil().toString());
        }
        b.add("createdDate", v.createdDate().toString())
                .add("updatedDate", v.updatedDate().toString())
                .add("user", JSON.createObjectBuilder()
                        .add("id", v.owner().id())
                        .add("emailAddress", v.owner().emailAddress())
                        .add("firstName", text(v.owner().firstName()))
                        .add("lastName", text(v.owner().lastName())));
        return b.build();
    }

    static JsonObject of(ConfigurationItem item) {
        ConfigurationKey property = ConfigurationKeys.describe(item.key());
        return JSON.createObjectBuilder()
                .add("id", item.id())
                .add("key", item.key())
                .add("propertyValue", text(item.propertyValue()))
                .add("name", property.displayName())
                .add("type", property.type())
                .build();
    }

    private static JsonValue text(String s) {
        return s == null ? JsonValue.NULL : JSON.createValue(s);
    }
}
