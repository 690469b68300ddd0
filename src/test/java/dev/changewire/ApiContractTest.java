package dev.changewire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.polling.entity.PollErrorKind;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed API contract ({@code META-INF/openapi.yaml}, served as {@code /openapi}) is a valid
 * OpenAPI document, names every operation the API application answers and no other, and gives every
 * operation typed answers and the error body for each refusal. An endpoint added without its contract
 * fails here.
 */
class ApiContractTest {

    static final String DOCUMENT = "src/main/resources/META-INF/openapi.yaml";
    static final Pattern OPERATION_ID = Pattern.compile("[a-z][A-Za-z]+");

    static OpenAPI api;

    @BeforeAll
    static void parse() {
        assertTrue(Files.isRegularFile(Paths.get(DOCUMENT)), DOCUMENT);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(DOCUMENT, null, options);
        assertEquals(List.of(), result.getMessages(), "the validator's findings");
        api = result.getOpenAPI();
        assertNotNull(api);
    }

    @Test
    void titleAndVersionAreTheProjects() {
        assertEquals("Changewire", api.getInfo().getTitle());
        String version = System.getProperty("project.version");
        assertNotNull(version, "surefire passes project.version");
        assertEquals(version, api.getInfo().getVersion(), "info.version follows the project's version");
        assertEquals("/elements/api-v2", api.getServers().get(0).getUrl());
    }

    /** Every JAX-RS operation of the API application is in the contract, and the contract has no other. */
    @Test
    void everyOperationOfTheApiApplicationIsInTheContract() {
        TreeSet<String> served = new TreeSet<>();
        for (Class<?> type : new ApiApplication().getClasses()) {
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String verb = httpMethod(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                served.add(verb + " " + join(root.value(), sub == null ? "" : sub.value()));
            }
        }
        assertFalse(served.isEmpty());
        TreeSet<String> documented = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((verb, operation) -> documented.add(verb.name() + " " + path)));
        TreeSet<String> missing = new TreeSet<>(served);
        missing.removeAll(documented);
        TreeSet<String> extra = new TreeSet<>(documented);
        extra.removeAll(served);
        assertEquals(List.of(), List.copyOf(missing), "operations the server answers that the contract lacks");
        assertEquals(List.of(), List.copyOf(extra), "operations in the contract that the server does not answer");
    }

    @Test
    void operationIdsReadAsMethodNamesAndAreUnique() {
        TreeSet<String> ids = new TreeSet<>();
        forEachOperation((name, operation) -> {
            String id = operation.getOperationId();
            assertNotNull(id, name);
            assertTrue(OPERATION_ID.matcher(id).matches(), name + ": " + id);
            assertTrue(ids.add(id), "duplicate operationId " + id);
            assertNotNull(operation.getSummary(), name + " has a summary");
        });
    }

    /** Answers are typed (no bare objects), and every refusal carries the error body. */
    @Test
    void everyAnswerIsTypedAndEveryRefusalIsTheErrorBody() {
        forEachOperation((name, operation) -> {
            Map<String, ApiResponse> responses = operation.getResponses();
            assertTrue(responses.containsKey("200"), name + " answers 200");
            for (String status : List.of("401", "429", "500")) {
                assertTrue(responses.containsKey(status), name + " documents " + status);
            }
            if (operation.getRequestBody() != null) {
                for (String status : List.of("400", "413", "415")) {
                    assertTrue(responses.containsKey(status), name + " takes a body, so documents " + status);
                }
            }
            boolean pathParameters = parameters(name, operation).stream().anyMatch(p -> "path".equals(p.getIn()));
            assertTrue(parameters(name, operation).stream().allMatch(p -> p != null && p.getIn() != null), name);
            if (pathParameters) {
                assertTrue(responses.containsKey("404"), name + " has path parameters, so documents 404");
            }
            responses.forEach((status, reference) -> {
                ApiResponse response = resolve(reference);
                MediaType json = response.getContent() == null ? null : response.getContent().get("application/json");
                assertNotNull(json, name + " " + status + " answers JSON");
                Schema<?> schema = json.getSchema();
                if (status.startsWith("2")) {
                    assertTrue(schema.get$ref() != null || "array".equals(schema.getType()) && schema.getItems().get$ref() != null,
                            name + " " + status + " answers a named schema: " + schema);
                } else {
                    assertEquals("#/components/schemas/ErrorBody", schema.get$ref(), name + " " + status);
                }
            });
            if (parameters(name, operation).stream().anyMatch(p -> "nextPage".equals(p.getName()))) {
                assertTrue(resolve(responses.get("200")).getHeaders().containsKey("Elements-Next-Page-Token"), name + " pages");
            }
        });
    }

    @Test
    void hubOperationsNeedTheElementTokenAndSayWhichInstanceAnswered() {
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((verb, operation) -> {
            boolean hub = path.startsWith("/hubs/");
            String scheme = operation.getSecurity() == null ? "UserOrganization" : operation.getSecurity().get(0).keySet().iterator().next();
            assertEquals(hub ? "UserOrganizationElement" : "UserOrganization", scheme, verb + " " + path);
            if (hub) {
                operation.getResponses().forEach((status, reference) -> {
                    ApiResponse response = resolve(reference);
                    if (!status.equals("401") && !status.equals("500")) {
                        assertTrue(response.getHeaders() != null && response.getHeaders().containsKey("Elements-Element-Instance-Id"),
                                verb + " " + path + " " + status);
                    }
                });
            }
        }));
        assertEquals(2, api.getComponents().getSecuritySchemes().size());
        api.getComponents().getSecuritySchemes().values().forEach(s -> assertEquals("Authorization", s.getName()));
    }

    /** The parser leaves {@code $ref}s to shared responses as they are; they are looked up here. */
    private static ApiResponse resolve(ApiResponse response) {
        String ref = response.get$ref();
        if (ref == null) {
            return response;
        }
        ApiResponse shared = api.getComponents().getResponses().get(ref.substring(ref.lastIndexOf('/') + 1));
        assertNotNull(shared, ref);
        return shared;
    }

    private static List<Parameter> parameters(String name, Operation operation) {
        List<Parameter> all = new ArrayList<>();
        String path = name.substring(name.indexOf(' ') + 1);
        PathItem item = api.getPaths().get(path);
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            all.addAll(operation.getParameters());
        }
        // shared parameters stay $refs after parsing: look them up
        return all.stream().map(p -> p.get$ref() == null ? p
                : api.getComponents().getParameters().get(p.get$ref().substring(p.get$ref().lastIndexOf('/') + 1))).toList();
    }

    @Test
    void theContractsPollErrorKindsAreThePollersOwn() {
        Schema<?> kinds = api.getComponents().getSchemas().get("PollErrorKind");
        assertNotNull(kinds, "components/schemas/PollErrorKind");
        List<String> contract = kinds.getEnum().stream().filter(Objects::nonNull).map(Object::toString).toList();
        List<String> poller = Arrays.stream(PollErrorKind.values()).map(Enum::name).toList();
        assertEquals(poller, contract, "a kind the poller reports is one a generated client can read");
        assertTrue(kinds.getEnum().contains(null), "null: the resource did not fail");
    }

    private static void forEachOperation(BiConsumer<String, Operation> check) {
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((verb, operation) -> check.accept(verb.name() + " " + path, operation)));
    }

    private static String httpMethod(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value().toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String join(String root, String sub) {
        String path = "/" + root.replaceAll("^/+|/+$", "") + (sub.isEmpty() ? "" : "/" + sub.replaceAll("^/+|/+$", ""));
        return path.replaceAll("/+", "/");
    }
}
