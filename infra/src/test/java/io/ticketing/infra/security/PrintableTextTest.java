package io.ticketing.infra.security;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The loop answers exactly as StrictHttpFirewall's default patterns (Spring Security 6.5) for every input. */
class PrintableTextTest {
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern HEADER_VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCharAloneAndAmidPrintableTextIsJudgedAsByThePatterns() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String alone = String.valueOf((char) c);
            String amid = "Bearer " + (char) c + "x.y";
            assertThat(PrintableText.NAMES.test(alone)).as("name U+%04X", c).isEqualTo(NAMES.matcher(alone).matches());
            assertThat(PrintableText.NAMES.test(amid)).as("name ..U+%04X..", c).isEqualTo(NAMES.matcher(amid).matches());
            assertThat(PrintableText.HEADER_VALUES.test(alone)).as("value U+%04X", c)
                    .isEqualTo(HEADER_VALUES.matcher(alone).matches());
            assertThat(PrintableText.HEADER_VALUES.test(amid)).as("value ..U+%04X..", c)
                    .isEqualTo(HEADER_VALUES.matcher(amid).matches());
        }
    }

    @Test
    void supplementaryCodePointsAndLoneSurrogatesAreJudgedAsByThePatterns() {
        for (int cp = Character.MIN_SUPPLEMENTARY_CODE_POINT; cp <= Character.MAX_CODE_POINT; cp += 97) {
            String s = "a" + new String(Character.toChars(cp)) + "b";
            assertThat(PrintableText.NAMES.test(s)).as("U+%X", cp).isEqualTo(NAMES.matcher(s).matches());
            assertThat(PrintableText.HEADER_VALUES.test(s)).as("U+%X", cp).isEqualTo(HEADER_VALUES.matcher(s).matches());
        }
        for (String s : new String[] {"a\uD800", "\uDC00b", "\uDBFF\uDFFF", "\uD83D\uDE00", "\uD800\uD800"}) {
            assertThat(PrintableText.NAMES.test(s)).as(s).isEqualTo(NAMES.matcher(s).matches());
            assertThat(PrintableText.HEADER_VALUES.test(s)).as(s).isEqualTo(HEADER_VALUES.matcher(s).matches());
        }
    }

    @Test
    void aTabIsAllowedInHeaderValuesOnlyAndOtherControlsNowhere() {
        assertThat(PrintableText.HEADER_VALUES.test("a\tb")).isTrue();
        assertThat(PrintableText.NAMES.test("a\tb")).isFalse();
        assertThat(PrintableText.HEADER_VALUES.test("a\u0000b")).isFalse();
        assertThat(PrintableText.HEADER_VALUES.test("a\u007fb")).isFalse();
        assertThat(PrintableText.HEADER_VALUES.test("")).isTrue();
    }
}
