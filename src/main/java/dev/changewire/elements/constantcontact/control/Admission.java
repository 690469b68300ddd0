package dev.changewire.elements.constantcontact.control;

import java.time.Instant;

/** The rate limiter's answer for one request: go, the key is paused until {@code until}, or no slot within the wait allowed. */
public record Admission(Verdict verdict, Instant until) {

    public enum Verdict { ADMITTED, QUOTA_PAUSED, NO_SLOT }

    static final Admission ADMITTED = new Admission(Verdict.ADMITTED, null);

    public boolean admitted() {
        return verdict == Verdict.ADMITTED;
    }
}
