package dev.changewire.hubs.control;

import dev.changewire.hubs.entity.Condition;
import dev.changewire.hubs.entity.FieldPath;
import dev.changewire.hubs.entity.Literal;
import dev.changewire.hubs.entity.Operator;
import jakarta.enterprise.context.Dependent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses Cloud Elements' query language into a {@link Condition} tree, by hand-written recursive
 * descent (LL(1), the tokens lexed on demand so the first error in reading order is the one reported).
 * <pre>
 * where      := or EOF
 * or         := and ( OR and )*
 * and        := primary ( AND primary )*
 * primary    := '(' or ')' | predicate
 * predicate  := field ( op value | [NOT] LIKE string | [NOT] IN '(' value ( ',' value )* ')' | IS [NOT] NULL )
 * field      := name ( '.' name )* | '`' dotted name '`'
 * value      := 'string' ('' is a quote) | number | TRUE | FALSE
 * op         := = | != | &lt;&gt; | &lt; | &gt; | &lt;= | &gt;=
 * </pre>
 * Keywords are case-insensitive. Recursion happens only through parentheses, and their depth is
 * bounded, so hostile input ends in a {@link CeqlSyntaxException}, never a StackOverflowError.
 * A parser holds no state between calls: one instance can serve every thread ({@code @Inject CeqlParser}
 * or {@code new CeqlParser()}).
 */
@Dependent
public class CeqlParser {

    /** Bounds against hostile input. */
    public record Limits(int maxLength, int maxDepth, int maxLiteralLength, int maxInValues) {
        public static final Limits DEFAULT = new Limits(4096, 32, 1024, 500);
    }

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "like", "in", "is", "null", "true", "false");

    private final Limits limits;

    public CeqlParser() {
        this(Limits.DEFAULT);
    }

    public CeqlParser(Limits limits) {
        this.limits = limits;
    }

    /** Parses a where clause; a blank one is an error (callers treat an absent where as "no filter" before parsing). */
    public Condition parse(String where) {
        if (where == null) {
            throw new CeqlSyntaxException(0, "Expected a condition at position 0 but found end of input");
        }
        if (where.length() > limits.maxLength()) {
            throw new CeqlSyntaxException(limits.maxLength(), "The where clause is " + where.length()
                    + " characters long; at most " + limits.maxLength() + " are allowed");
        }
        return new Run(where).where();
    }

    private enum Kind { NAME, QUOTED_NAME, STRING, NUMBER, LEFT, RIGHT, COMMA, OPERATOR, END }

    private record Token(Kind kind, String text, int position) {

        boolean isKeyword(String keyword) {
            return kind == Kind.NAME && text.equalsIgnoreCase(keyword);
        }

        String describe() {
            return switch (kind) {
                case END -> "end of input";
                case STRING -> "string '" + abbreviate(text) + "'";
                case QUOTED_NAME -> "`" + abbreviate(text) + "`";
                case NUMBER -> abbreviate(text);
                default -> "'" + abbreviate(text) + "'";
            };
        }

        private static String abbreviate(String s) {
            return s.length() <= 30 ? s : s.substring(0, 30) + "...";
        }
    }

    /** One parse: the input, the lexer's position and the current token. */
    private final class Run {
        private final String input;
        private int offset;
        private Token current;

        Run(String input) {
            this.input = input;
            this.current = lex();
        }

        Condition where() {
            Condition condition = or(0);
            if (current.kind() != Kind.END) {
                throw expected("AND, OR or end of input");
            }
            return condition;
        }

        private Condition or(int depth) {
            List<Condition> operands = new ArrayList<>();
            operands.add(and(depth));
            while (current.isKeyword("or")) {
                advance();
                operands.add(and(depth));
            }
            return operands.size() == 1 ? operands.get(0) : new Condition.Or(operands);
        }

        private Condition and(int depth) {
            List<Condition> operands = new ArrayList<>();
            operands.add(primary(depth));
            while (current.isKeyword("and")) {
                advance();
                operands.add(primary(depth));
            }
            return operands.size() == 1 ? operands.get(0) : new Condition.And(operands);
        }

        private Condition primary(int depth) {
            if (current.kind() == Kind.LEFT) {
                if (depth >= limits.maxDepth()) {
                    throw new CeqlSyntaxException(current.position(), "Parentheses at position "
                            + current.position() + " are nested more than " + limits.maxDepth() + " levels deep");
                }
                advance();
                Condition inner = or(depth + 1);
                expect(Kind.RIGHT, "')'");
                return inner;
            }
            return predicate();
        }

        private Condition predicate() {
            FieldPath field = field();
            Token token = current;
            if (token.kind() == Kind.OPERATOR) {
                advance();
                return new Condition.Comparison(field, operator(token.text()), value());
            }
            boolean negated = false;
            if (token.isKeyword("not")) {
                advance();
                negated = true;
                if (!current.isKeyword("like") && !current.isKeyword("in")) {
                    throw expected("LIKE or IN");
                }
            }
            if (current.isKeyword("like")) {
                advance();
                if (current.kind() != Kind.STRING) {
                    throw expected("a 'pattern'");
                }
                String pattern = current.text();
                advance();
                return new Condition.Like(field, pattern, negated);
            }
            if (current.isKeyword("in")) {
                advance();
                return new Condition.In(field, inList(), negated);
            }
            if (current.isKeyword("is")) {
                advance();
                boolean not = false;
                if (current.isKeyword("not")) {
                    advance();
                    not = true;
                }
                if (!current.isKeyword("null")) {
                    throw expected(not ? "NULL" : "NULL or NOT NULL");
                }
                advance();
                return new Condition.IsNull(field, not);
            }
            throw expected("an operator (=, !=, <, >, <=, >=, LIKE, IN, IS)");
        }

        private FieldPath field() {
            Token token = current;
            if (token.kind() == Kind.QUOTED_NAME
                    || (token.kind() == Kind.NAME && !KEYWORDS.contains(token.text().toLowerCase(Locale.ROOT)))) {
                advance();
                return new FieldPath(List.of(token.text().split("\\.", -1)));
            }
            throw expected("a field name");
        }

        private List<Literal> inList() {
            expect(Kind.LEFT, "'('");
            List<Literal> values = new ArrayList<>();
            while (true) {
                if (values.size() == limits.maxInValues()) {
                    throw new CeqlSyntaxException(current.position(), "The IN list has more than "
                            + limits.maxInValues() + " values (at position " + current.position() + ")");
                }
                values.add(value());
                if (current.kind() == Kind.COMMA) {
                    advance();
                } else if (current.kind() == Kind.RIGHT) {
                    advance();
                    return values;
                } else {
                    throw expected("',' or ')'");
                }
            }
        }

        private Literal value() {
            Token token = current;
            Literal literal = switch (token.kind()) {
                case STRING -> new Literal.Text(token.text());
                case NUMBER -> new Literal.Number(new BigDecimal(token.text()));
                case NAME -> token.isKeyword("true") ? new Literal.Bool(true)
                        : token.isKeyword("false") ? new Literal.Bool(false) : null;
                default -> null;
            };
            if (literal == null) {
                if (token.isKeyword("null")) {
                    throw new CeqlSyntaxException(token.position(), "Expected a value at position " + token.position()
                            + " but found NULL (use IS NULL or IS NOT NULL)");
                }
                throw expected("a value (a 'string', a number, true or false)");
            }
            advance();
            return literal;
        }

        private Operator operator(String symbol) {
            return switch (symbol) {
                case "=" -> Operator.EQ;
                case "!=", "<>" -> Operator.NE;
                case "<" -> Operator.LT;
                case ">" -> Operator.GT;
                case "<=" -> Operator.LE;
                case ">=" -> Operator.GE;
                default -> throw new IllegalStateException("the lexer produced operator " + symbol);
            };
        }

        private void expect(Kind kind, String description) {
            if (current.kind() != kind) {
                throw expected(description);
            }
            advance();
        }

        private CeqlSyntaxException expected(String what) {
            return new CeqlSyntaxException(current.position(),
                    "Expected " + what + " at position " + current.position() + " but found " + current.describe());
        }

        private void advance() {
            current = lex();
        }

        // ---- the lexer ----

        private Token lex() {
            while (offset < input.length() && isSpace(input.charAt(offset))) {
                offset++;
            }
            int start = offset;
            if (start >= input.length()) {
                return new Token(Kind.END, "", start);
            }
            char c = input.charAt(start);
            rejectControl(c, start);
            switch (c) {
                case '(':
                    offset++;
                    return new Token(Kind.LEFT, "(", start);
                case ')':
                    offset++;
                    return new Token(Kind.RIGHT, ")", start);
                case ',':
                    offset++;
                    return new Token(Kind.COMMA, ",", start);
                case '=':
                    offset++;
                    return new Token(Kind.OPERATOR, "=", start);
                case '!':
                    if (peekChar(start + 1) == '=') {
                        offset += 2;
                        return new Token(Kind.OPERATOR, "!=", start);
                    }
                    throw new CeqlSyntaxException(start + 1, "Expected '=' at position " + (start + 1)
                            + " after '!' but found " + describeChar(start + 1));
                case '<':
                    if (peekChar(start + 1) == '=' || peekChar(start + 1) == '>') {
                        offset += 2;
                        return new Token(Kind.OPERATOR, input.substring(start, start + 2), start);
                    }
                    offset++;
                    return new Token(Kind.OPERATOR, "<", start);
                case '>':
                    if (peekChar(start + 1) == '=') {
                        offset += 2;
                        return new Token(Kind.OPERATOR, ">=", start);
                    }
                    offset++;
                    return new Token(Kind.OPERATOR, ">", start);
                case '\'':
                    return string(start);
                case '`':
                    return quotedName(start);
                default:
                    break;
            }
            if (isDigit(c) || (c == '-' && isDigit(peekChar(start + 1)))) {
                return number(start);
            }
            if (Character.isLetter(c) || c == '_') {
                return name(start);
            }
            throw new CeqlSyntaxException(start, "Unexpected character " + describeChar(start) + " at position " + start);
        }

        private Token string(int start) {
            StringBuilder value = new StringBuilder();
            int i = start + 1;
            while (true) {
                if (i >= input.length()) {
                    throw new CeqlSyntaxException(start,
                            "Unterminated string: the quote at position " + start + " is never closed");
                }
                char c = input.charAt(i);
                rejectControl(c, i);
                if (c == '\'') {
                    if (peekChar(i + 1) == '\'') {
                        value.append('\'');
                        i += 2;
                    } else {
                        offset = i + 1;
                        return new Token(Kind.STRING, value.toString(), start);
                    }
                } else {
                    value.append(c);
                    i++;
                }
                if (value.length() > limits.maxLiteralLength()) {
                    throw new CeqlSyntaxException(start, "The string at position " + start + " is longer than "
                            + limits.maxLiteralLength() + " characters");
                }
            }
        }

        private Token quotedName(int start) {
            int end = input.indexOf('`', start + 1);
            if (end < 0) {
                throw new CeqlSyntaxException(start,
                        "Unterminated field name: the backtick at position " + start + " is never closed");
            }
            String name = input.substring(start + 1, end);
            for (int i = start + 1; i < end; i++) {
                rejectControl(input.charAt(i), i);
            }
            checkName(name, start);
            offset = end + 1;
            return new Token(Kind.QUOTED_NAME, name, start);
        }

        private Token name(int start) {
            int i = start;
            while (i < input.length()) {
                char c = input.charAt(i);
                if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                    i++;
                } else {
                    break;
                }
            }
            String name = input.substring(start, i);
            checkName(name, start);
            offset = i;
            return new Token(Kind.NAME, name, start);
        }

        private void checkName(String name, int start) {
            if (name.length() > limits.maxLiteralLength()) {
                throw new CeqlSyntaxException(start, "The field name at position " + start + " is longer than "
                        + limits.maxLiteralLength() + " characters");
            }
            if (name.isBlank() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
                throw new CeqlSyntaxException(start, "The field name at position " + start
                        + " is not a dotted name: '" + Token.abbreviate(name) + "'");
            }
        }

        private Token number(int start) {
            int i = start;
            if (input.charAt(i) == '-') {
                i++;
            }
            i = digits(i);
            if (peekChar(i) == '.' && isDigit(peekChar(i + 1))) {
                i = digits(i + 1);
            }
            if (i - start > limits.maxLiteralLength()) {
                throw new CeqlSyntaxException(start, "The number at position " + start + " is longer than "
                        + limits.maxLiteralLength() + " characters");
            }
            offset = i;
            return new Token(Kind.NUMBER, input.substring(start, i), start);
        }

        private int digits(int from) {
            int i = from;
            while (i < input.length() && isDigit(input.charAt(i))) {
                i++;
            }
            return i;
        }

        private char peekChar(int index) {
            return index < input.length() ? input.charAt(index) : '\0';
        }

        private String describeChar(int index) {
            if (index >= input.length()) {
                return "end of input";
            }
            char c = input.charAt(index);
            return Character.isISOControl(c) ? String.format("U+%04X", (int) c) : "'" + c + "'";
        }

        private void rejectControl(char c, int position) {
            if (Character.isISOControl(c) && !isSpace(c)) {
                throw new CeqlSyntaxException(position, "Control character " + String.format("U+%04X", (int) c)
                        + " at position " + position + " is not allowed");
            }
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
