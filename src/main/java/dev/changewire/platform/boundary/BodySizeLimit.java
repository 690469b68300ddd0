package dev.changewire.platform.boundary;

import dev.changewire.platform.control.Abbreviation;
import dev.changewire.platform.control.ApiException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Request bodies are at most 1 MiB: a declared larger Content-Length is refused before anything is
 * read, and a body without one (chunked) is cut off as soon as it passes the limit. Both are a 413.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class BodySizeLimit implements ContainerRequestFilter, ReaderInterceptor {

    public static final long MAX_BYTES = 1024 * 1024;
    static final String MESSAGE = "The request body is larger than 1 MiB (1048576 bytes)";

    @Override
    public void filter(ContainerRequestContext request) {
        // read as text: getLength() throws on a value beyond an int (2147483648) instead of answering
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared == null || declared.isBlank()) {
            return;
        }
        String digits = declared.strip();
        if (!digits.matches("\\d{1,19}")) {
            request.abortWith(ErrorBody.response(400, "Content-Length must be a number of bytes, got '"
                    + Abbreviation.of(declared) + "'", RequestId.of(request), null));
        } else if (digits.length() > 7 || Long.parseLong(digits) > MAX_BYTES) {
            request.abortWith(ErrorBody.response(413, MESSAGE, RequestId.of(request), null));
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new BoundedInputStream(context.getInputStream(), MAX_BYTES));
        try {
            return context.proceed();
        } catch (IOException | RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof TooLarge) {
                    throw new ApiException(413, MESSAGE);
                }
            }
            throw e;
        }
    }

    static final class TooLarge extends IOException {
        TooLarge() {
            super(MESSAGE);
        }
    }

    /** Counts what is read and fails once more than the limit has arrived. */
    static final class BoundedInputStream extends FilterInputStream {

        private final long limit;
        private long count;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws IOException {
            count += n;
            if (count > limit) {
                throw new TooLarge();
            }
        }
    }
}
