package dev.changewire.notifications.control;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads at most {@code limit} bytes of a response body (the delivery log keeps the first 2 KiB) and
 * then stops reading: a receiver cannot make us buffer a large or endless body. A failure while
 * reading the body keeps what was read: the status already decided the attempt.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<String> {

    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    LimitedBody(int limit) {
        this.limit = limit;
    }

    static HttpResponse.BodyHandler<String> handler(int limit) {
        return info -> new LimitedBody(limit);
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            int take = Math.min(buffer.remaining(), limit - bytes.size());
            byte[] chunk = new byte[take];
            buffer.get(chunk);
            bytes.write(chunk, 0, take);
            if (bytes.size() >= limit) {
                finish();
                subscription.cancel();
                return;
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        finish();
    }

    @Override
    public void onComplete() {
        finish();
    }

    private void finish() {
        result.complete(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
    }
}
