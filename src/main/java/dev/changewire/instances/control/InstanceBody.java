package dev.changewire.instances.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.platform.control.ApiException;
import dev.changewire.platform.control.JsonText;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Reads the JSON bodies of the instance calls, with a 400 naming the field for every shape error. */
public final class InstanceBody {

    private InstanceBody() {
    }

    /** The draft in a body the request reader already bounded and parsed; null (no body) is a 400. */
    public static InstanceDraft parse(JsonObject body) {
        if (body == null) {
            throw ApiException.badRequest("A JSON object body is required");
        }
        return draft(body);
    }

    /** The draft in JSON text, parsed with the request reader's limits. */
    public static InstanceDraft parse(String body) {
        return draft(JsonText.object(body, "The request body"));
    }

    static InstanceDraft draft(JsonObject o) {
        String elementKey = null;
        JsonValue element = o.get("element");
        if (element != null && element.getValueType() != JsonValue.ValueType.NULL) {
            if (element.getValueType() == JsonValue.ValueType.OBJECT) {
                elementKey = string(element.asJsonObject(), "key", "element.key");
            } else if (element.getValueType() == JsonValue.ValueType.STRING) {
                elementKey = ((JsonString) element).getString();
            } else {
                throw ApiException.badRequest("element must be an object like {\"key\":\"constantcontact\"}");
            }
            if (elementKey != null) {
                ElementCatalog.requireKnown(elementKey);
            }
        }
        String name = string(o, "name", "name");
        List<String> tags = tags(o.get("tags"));
        Map<String, String> configuration = null;
        JsonValue config = o.get("configuration");
        if (config != null && config.getValueType() != JsonValue.ValueType.NULL) {
            if (config.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ApiException.badRequest("configuration must be a JSON object of key to value");
            }
            configuration = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> e : config.asJsonObject().entrySet()) {
                configuration.put(e.getKey(), ConfigurationValues.coerce(e.getKey(), e.getValue()));
            }
        }
        String code = null;
        JsonValue providerData = o.get("providerData");
        if (providerData != null && providerData.getValueType() != JsonValue.ValueType.NULL) {
            if (providerData.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ApiException.badRequest("providerData must be a JSON object like {\"code\":\"...\"}");
            }
            code = string(providerData.asJsonObject(), "code", "providerData.code");
        }
        String external = null;
        JsonValue ext = o.get("externalAuthentication");
        if (ext != null && ext.getValueType() != JsonValue.ValueType.NULL) {
            String value = ext.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) ext).getString() : null;
            if (!"initial".equals(value)) {
                throw ApiException.badRequest("externalAuthentication must be 'initial' (with configuration."
                        + ConfigurationKeys.REFRESH_TOKEN + ")");
            }
            external = value;
        }
        if (code != null && external != null) {
            throw ApiException.badRequest("Give either providerData.code or externalAuthentication, not both");
        }
        return new InstanceDraft(elementKey, name, tags, configuration, code, external);
    }

    static List<String> tags(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ApiException.badRequest("tags must be an array of strings");
        }
        JsonArray array = value.asJsonArray();
        if (array.size() > InstanceValidator.MAX_TAGS) {
            throw ApiException.badRequest("tags has " + array.size() + " entries; at most " + InstanceValidator.MAX_TAGS + " are allowed");
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonValue v = array.get(i);
            if (v.getValueType() != JsonValue.ValueType.STRING) {
                throw ApiException.badRequest("tags[" + i + "] must be a string");
            }
            tags.add(((JsonString) v).getString());
        }
        return new ArrayList<>(tags);
    }

    /** A string member; numbers are not accepted where the API documents a string. */
    static String string(JsonObject o, String key, String path) {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw ApiException.badRequest(path + " must be a string");
        }
        return ((JsonString) v).getString();
    }
}
