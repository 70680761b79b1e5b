package io.ticketing.infra.security;

import java.util.function.Predicate;

/**
 * What Spring Security's {@code StrictHttpFirewall} accepts by default in header and parameter names
 * ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}: every code point assigned and none a control character) and in
 * header values (the same, tab allowed), decided with a loop instead of those regexes. The regex ran on every
 * header read (the bearer token's 200-odd characters at least twice a request): 4 % of a refusal's request-thread
 * CPU in the JFR profile of docs/benchmarks.md ("Issue 14 point 7"). Same answers for every input:
 * PrintableTextTest checks each char and code point against the firewall's own patterns.
 */
final class PrintableText implements Predicate<String> {
    static final PrintableText NAMES = new PrintableText(false);
    static final PrintableText HEADER_VALUES = new PrintableText(true);

    private final boolean tabAllowed;

    private PrintableText(boolean tabAllowed) {
        this.tabAllowed = tabAllowed;
    }

    @Override
    public boolean test(String s) {
        for (int i = 0, n = s.length(); i < n; ) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f || c == '\t' && tabAllowed) {
                // Printable ASCII, nearly every character a header holds: assigned and not a control.
                i++;
                continue;
            }
            int codePoint = s.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
