package dev.changewire.hubs.control;

import dev.changewire.hubs.entity.FieldPath;
import dev.changewire.platform.control.ApiException;
import java.util.List;

/** Field names in {@code orderBy} and {@code fields}: bare dotted names or backticked ones, as in CEQL. */
final class FieldPathSyntax {

    static final int MAX_NAME_LENGTH = 1024;

    private FieldPathSyntax() {
    }

    /** Parses one name (already trimmed); {@code parameter} names the query parameter in the error. */
    static FieldPath parse(String name, String parameter) {
        String bare = name;
        if (name.startsWith("`")) {
            if (name.length() < 2 || !name.endsWith("`")) {
                throw ApiException.badRequest(parameter + ": the backtick in '" + abbreviate(name) + "' is never closed");
            }
            bare = name.substring(1, name.length() - 1);
        } else {
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.')) {
                    throw ApiException.badRequest(parameter + ": '" + abbreviate(name) + "' is not a field name"
                            + " (letters, digits, '_' and '.'; put other names in backticks)");
                }
            }
        }
        if (bare.isBlank() || bare.length() > MAX_NAME_LENGTH || bare.startsWith(".") || bare.endsWith(".")
                || bare.contains("..") || bare.contains("`") || bare.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(parameter + ": '" + abbreviate(name) + "' is not a dotted field name");
        }
        return new FieldPath(List.of(bare.split("\\.", -1)));
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
