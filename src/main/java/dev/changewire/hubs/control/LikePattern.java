package dev.changewire.hubs.control;

/**
 * CEQL's {@code LIKE}: {@code %} matches any run of characters, {@code _} exactly one; case-insensitive
 * (people search marketing data by name and e-mail, where case carries no meaning).
 * A direct matcher rather than a regular expression, so a hostile pattern such as {@code %a%a%a%a%b}
 * costs at most O(pattern × text), never exponential backtracking.
 */
public final class LikePattern {

    private LikePattern() {
    }

    public static boolean matches(String pattern, String text) {
        int p = 0;
        int t = 0;
        int starPattern = -1;
        int starText = -1;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '%'
                    && (pattern.charAt(p) == '_' || same(pattern.charAt(p), text.charAt(t)))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '%') {
                starPattern = p++;
                starText = t;
            } else if (starPattern >= 0) {
                p = starPattern + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '%') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean same(char a, char b) {
        return a == b || Character.toLowerCase(Character.toUpperCase(a)) == Character.toLowerCase(Character.toUpperCase(b));
    }
}
