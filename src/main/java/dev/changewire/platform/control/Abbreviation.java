package dev.changewire.platform.control;

/**
 * How a message quotes what a client sent: at most {@link #MAX} characters, the rest replaced by a
 * count, and control characters shown as '?', so an error never grows with its input nor breaks a log line.
 */
public final class Abbreviation {

    public static final int MAX = 80;

    private Abbreviation() {
    }

    public static String of(String text) {
        return of(text, MAX);
    }

    public static String of(String text, int max) {
        if (text == null) {
            return "null";
        }
        boolean cut = text.length() > max;
        String shown = cut ? text.substring(0, max) : text;
        StringBuilder b = new StringBuilder(shown.length() + 24);
        shown.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        if (cut) {
            b.append("...(").append(text.length()).append(" characters)");
        }
        return b.toString();
    }
}
