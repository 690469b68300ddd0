package dev.changewire.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A CloudEvents receiver's reading of a callback request, with the CloudEvents Java SDK. */
final class CloudEventsReceiver {

    static final String BATCH = "application/cloudevents-batch+json";

    private CloudEventsReceiver() {
    }

    /** The events of one request: structured and binary mode through the SDK's HTTP binding, a batch through its JSON format. */
    static List<CloudEvent> read(Map<String, List<String>> headers, byte[] body) {
        Map<String, String> single = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> single.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        String contentType = single.getOrDefault("content-type", "");
        if (!contentType.startsWith(BATCH)) {
            return List.of(HttpMessageFactory.createReader(single, body).toEvent());
        }
        EventFormat json = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
        ObjectMapper mapper = new ObjectMapper();
        List<CloudEvent> events = new ArrayList<>();
        try {
            for (JsonNode element : mapper.readTree(body)) {
                events.add(json.deserialize(mapper.writeValueAsBytes(element)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }
}
