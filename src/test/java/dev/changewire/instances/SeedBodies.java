package dev.changewire.instances;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The two instance bodies of the seed page, verbatim (test resources), with their placeholders filled in. */
public final class SeedBodies {

    private SeedBodies() {
    }

    /** "Configure Polling Through API": every {@code <PLACEHOLDER>} filled. */
    public static String apiBody(String code, String clientId, String clientSecret, String callbackUrl, String minutes, String tag, String name) {
        return read("seed-api-body.json")
                .replace("{{page.elementKey}}", "constantcontact")
                .replace("<AUTHORIZATION_GRANT_CODE>", code)
                .replace("<CLIENT_ID>", clientId)
                .replace("<CLIENT_SECRET>", clientSecret)
                .replace("<CALLBACK_URL>", callbackUrl)
                .replace("<minutes>", minutes)
                .replace("<Add_Your_Tag>", tag)
                .replace("<INSTANCE_NAME>", name);
    }

    /** "Example JSON with Polling", with the example's code, client id, secret and callback replaced by real ones. */
    public static String exampleBody(String code, String clientId, String clientSecret, String callbackUrl) {
        return read("seed-example-body.json")
                .replace("{{page.elementKey}}", "constantcontact")
                .replace("1c6ff4089d58d80e86482ab7d5b97f15dd7b041d", code)
                .replace("\"xxxxxxxxxxxxxxxxxx\"", "\"" + clientId + "\"")
                .replace("\"xxxxxxxxxxxxxxxxxxxxxx\"", "\"" + clientSecret + "\"")
                .replace("\"https://mycoolapp.com\"", "\"" + callbackUrl + "\"");
    }

    /** The example exactly as the seed page prints it (only the element key template resolved). */
    public static String exampleBodyAsPrinted() {
        return read("seed-example-body.json").replace("{{page.elementKey}}", "constantcontact");
    }

    private static String read(String name) {
        try (InputStream in = SeedBodies.class.getResourceAsStream("/instances/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource /instances/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
