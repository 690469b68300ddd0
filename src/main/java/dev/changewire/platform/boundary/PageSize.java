package dev.changewire.platform.boundary;

import dev.changewire.platform.control.Abbreviation;
import dev.changewire.platform.control.ApiException;

/** The {@code pageSize} query parameter every paged list takes: a whole number from 1 to a maximum. */
public final class PageSize {

    private PageSize() {
    }

    public static int parse(String pageSize, int defaultSize, int max) {
        if (pageSize == null || pageSize.isBlank()) {
            return defaultSize;
        }
        try {
            int size = Integer.parseInt(pageSize.trim());
            if (size >= 1 && size <= max) {
                return size;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.badRequest("pageSize must be a whole number from 1 to " + max + ", got '" + Abbreviation.of(pageSize) + "'");
    }
}
