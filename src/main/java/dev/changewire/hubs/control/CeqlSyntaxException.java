package dev.changewire.hubs.control;

import dev.changewire.platform.control.ApiException;

/**
 * A {@code where} clause that is not valid CEQL, or that breaks a bound. It is a 400 by itself;
 * {@link #position()} is the 0-based character offset the {@link #reason()} points at.
 */
public class CeqlSyntaxException extends ApiException {

    private final int position;
    private final String reason;

    public CeqlSyntaxException(int position, String reason) {
        super(400, "Invalid where clause: " + reason);
        this.position = position;
        this.reason = reason;
    }

    public int position() {
        return position;
    }

    /** The message without the "Invalid where clause" prefix, e.g. "Expected ')' at position 17 but found end of input". */
    public String reason() {
        return reason;
    }
}
