package dev.changewire.hubs.entity;

import jakarta.json.JsonObject;
import java.util.List;

/** One page of normalized records; {@code nextPage} is the opaque token of the next one, null on the last page. */
public record HubPage(List<JsonObject> records, String nextPage) {
}
