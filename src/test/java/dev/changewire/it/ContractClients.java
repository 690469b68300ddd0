package dev.changewire.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.changewire.client.ApiClient;
import dev.changewire.client.ApiException;
import dev.changewire.client.model.ErrorBody;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Java client the build generates from the committed contract ({@code target/generated-test-sources/openapi}),
 * pointed at a test server, and the contract as committed and as served.
 */
final class ContractClients {

    static final Path CONTRACT = Path.of("src/main/resources/META-INF/openapi.yaml");

    private ContractClients() {
    }

    /** A client calling with this Authorization header (the generated native client leaves authentication to an interceptor). */
    static ApiClient client(URL deployment, String authorization) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + deployment.getPort() + "/elements/api-v2");
        client.setConnectTimeout(Duration.ofSeconds(5));
        client.setReadTimeout(Duration.ofSeconds(60));
        client.setRequestInterceptor(request -> request.setHeader("Authorization", authorization));
        return client;
    }

    /** The contract's error body of a refused call, read with the client's own mapper. */
    static ErrorBody error(ApiClient client, ApiException e) {
        try {
            return client.getObjectMapper().readValue(e.getResponseBody(), ErrorBody.class);
        } catch (IOException io) {
            throw new AssertionError("not the contract's error body: " + e.getResponseBody(), io);
        }
    }

    static JsonNode committed() {
        try {
            return Yaml.mapper().readTree(Files.readString(CONTRACT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The served document as JSON, without the top-level {@code endpoints} member Payara adds to every
     * document it serves (not an OpenAPI field, not configurable; WildFly adds none).
     */
    static JsonNode served(String json) {
        try {
            ObjectNode served = (ObjectNode) Json.mapper().readTree(json);
            served.remove("endpoints");
            return served;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where two documents differ, as JSON pointers with both values (first 20). On WildFly, SmallRye OpenAPI
     * leaves {@code required: true} out of request bodies (a known rewrite of that server, not a change of the
     * contract: clients are generated from the committed document); that difference alone is allowed there.
     */
    static List<String> differences(JsonNode committed, JsonNode served) {
        List<String> out = new ArrayList<>();
        compare("", committed, served, out);
        if (Deployments.onWildFly()) {
            out.removeIf(d -> d.matches("/(paths/.*/requestBody|components/requestBodies/[^/]+)/required: committed true, served null"));
        }
        return out.size() > 20 ? out.subList(0, 20) : out;
    }

    private static void compare(String at, JsonNode a, JsonNode b, List<String> out) {
        if (a == null || b == null || a.getNodeType() != b.getNodeType() || a.isValueNode() || a.size() != b.size() && a.isArray()) {
            if (a == null || !a.equals(b)) {
                out.add(at + ": committed " + abbreviate(a) + ", served " + abbreviate(b));
            }
            return;
        }
        if (a.isArray()) {
            for (int i = 0; i < a.size(); i++) {
                compare(at + "/" + i, a.get(i), b.get(i), out);
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext();) {
            var e = it.next();
            compare(at + "/" + e.getKey(), e.getValue(), b.get(e.getKey()), out);
        }
        for (Iterator<String> it = b.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!a.has(name)) {
                out.add(at + "/" + name + ": only served " + abbreviate(b.get(name)));
            }
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
