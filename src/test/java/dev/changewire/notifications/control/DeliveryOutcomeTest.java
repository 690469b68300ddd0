package dev.changewire.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.changewire.notifications.entity.AttemptFailure;
import dev.changewire.notifications.entity.DeliveryOutcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryOutcomeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "200, DELIVERED", "201, DELIVERED", "202, DELIVERED", "204, DELIVERED", "299, DELIVERED",
            "410, DEACTIVATE",
            "429, RETRY_SLOW_DOWN",
            "408, RETRY", "500, RETRY", "502, RETRY", "503, RETRY", "504, RETRY", "599, RETRY",
            "400, RETRY_CLIENT_ERROR", "401, RETRY_CLIENT_ERROR", "403, RETRY_CLIENT_ERROR", "404, RETRY_CLIENT_ERROR",
            "405, RETRY_CLIENT_ERROR", "413, RETRY_CLIENT_ERROR", "451, RETRY_CLIENT_ERROR",
            "300, RETRY_CLIENT_ERROR", "301, RETRY_CLIENT_ERROR", "302, RETRY_CLIENT_ERROR", "307, RETRY_CLIENT_ERROR",
            "308, RETRY_CLIENT_ERROR", "100, RETRY_CLIENT_ERROR", "600, RETRY_CLIENT_ERROR", "0, RETRY_CLIENT_ERROR",
    })
    void classifiesStatusCodes(int status, DeliveryOutcome expected) {
        assertEquals(expected, DeliveryOutcome.ofStatus(status));
    }

    @Test
    void onlyDeliveryAndDeactivationStopRetrying() {
        assertEquals(false, DeliveryOutcome.DELIVERED.retry());
        assertEquals(false, DeliveryOutcome.DEACTIVATE.retry());
        assertEquals(true, DeliveryOutcome.RETRY.retry());
        assertEquals(true, DeliveryOutcome.RETRY_SLOW_DOWN.retry());
        assertEquals(true, DeliveryOutcome.RETRY_CLIENT_ERROR.retry());
        assertEquals(true, DeliveryOutcome.RETRY_CLIENT_ERROR.operatorAttention());
        assertEquals(false, DeliveryOutcome.RETRY.operatorAttention());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "TIMEOUT, RETRY_SLOW_DOWN",
            "CONNECTION, RETRY",
            "UNRESOLVED_HOST, RETRY_CLIENT_ERROR",
            "REFUSED_ADDRESS, RETRY_CLIENT_ERROR",
    })
    void classifiesFailuresWithoutAResponse(AttemptFailure failure, DeliveryOutcome expected) {
        assertEquals(expected, DeliveryOutcome.ofFailure(failure));
    }

    @Test
    void recognisesTheHttpClientsExceptions() {
        assertEquals(AttemptFailure.TIMEOUT, AttemptFailure.of(new HttpConnectTimeoutException("connect timed out")));
        assertEquals(AttemptFailure.TIMEOUT, AttemptFailure.of(new HttpTimeoutException("request timed out")));
        assertEquals(AttemptFailure.CONNECTION, AttemptFailure.of(new ConnectException("Connection refused")));
        assertEquals(AttemptFailure.CONNECTION, AttemptFailure.of(new IOException("Connection reset")));
        assertEquals(AttemptFailure.CONNECTION, AttemptFailure.of(new SSLHandshakeException("PKIX path building failed")));
        ConnectException unresolved = new ConnectException();
        unresolved.initCause(new UnresolvedAddressException());
        assertEquals(AttemptFailure.UNRESOLVED_HOST, AttemptFailure.of(unresolved));
        assertEquals(AttemptFailure.UNRESOLVED_HOST, AttemptFailure.of(new UnknownHostException("nowhere.invalid")));
    }
}
