package dev.changewire.platform.boundary;

import dev.changewire.platform.control.Abbreviation;
import dev.changewire.platform.control.ApiException;
import dev.changewire.platform.control.JsonText;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Every JSON request body of the API is read here: at most {@link BodySizeLimit#MAX_BYTES} bytes,
 * UTF-8 only (the charset JSON has, RFC 8259), strictly decoded, then parsed by {@link JsonText}
 * with its depth and number limits, and required to be an object. Resources take a
 * {@link JsonObject}. The JSON media types are named as well as the wildcard: RESTEasy (WildFly) ranks
 * readers by how closely their media type matches before it prefers application providers, so a
 * wildcard alone would lose to the server's own JSON-P reader.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", "text/json", MediaType.WILDCARD})
public class JsonBodyReader implements MessageBodyReader<JsonObject> {

    static final String WHAT = "The request body";

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(Class<JsonObject> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        requireUtf8(mediaType);
        byte[] bytes = read(entityStream);
        if (bytes.length == 0) {
            throw ApiException.badRequest("A JSON object body is required");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest(WHAT + " is not valid UTF-8");
        }
        return JsonText.object(text, WHAT);
    }

    static void requireUtf8(MediaType mediaType) {
        String charset = mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.strip().replace("\"", "").equalsIgnoreCase("utf-8")) {
            throw new ApiException(415, "Unsupported charset '" + Abbreviation.of(charset)
                    + "'; send JSON as UTF-8 (Content-Type: application/json; charset=utf-8)");
        }
    }

    /** Reads at most the limit; one byte more is a 413 (the size filter already refused a declared larger length). */
    static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > BodySizeLimit.MAX_BYTES) {
                throw new ApiException(413, BodySizeLimit.MESSAGE);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
