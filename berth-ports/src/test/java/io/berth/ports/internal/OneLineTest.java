package io.berth.ports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import io.berth.ports.InvalidOffsetException;
import io.berth.ports.OffsetSetting;
import io.berth.ports.OffsetSource;
import io.berth.ports.RequestedOffset;
import io.berth.ports.internal.OneLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OneLineTest {

    @Test
    void plainTextIsShownAsItIs() {
        String text = "auto 3 ünïcödé \"quoted\" \\n";
        assertSame(text, OneLine.of(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"1\n2\"       | 1\\n2",
        "\"1\r\n2\"     | 1\\r\\n2",
        "\"a\tb\"       | a\\tb",
        "\"\u001b[31m\" | \\u001b[31m",
        "\"a\u0085b\"   | a\\u0085b",
        "\"a\u2028b\"   | a\\u2028b",
        "\"a\u0007b\"   | a\\u0007b",
    })
    void lineBreaksAndControlCharactersAreEscaped(String text, String shown) {
        assertEquals(shown, OneLine.of(text));
    }

    @Test
    void anOffsetWithALineBreakIsRefusedInOneLine() {
        InvalidOffsetException error = org.junit.jupiter.api.Assertions.assertThrows(InvalidOffsetException.class,
                () -> RequestedOffset.parse(new OffsetSetting(OffsetSource.OPTION, "1\n2")));
        assertEquals("Invalid port offset '1\\n2' from option --port-offset: it is not a whole number;"
                + " give a whole number >= 0 or 'auto'", error.getMessage());
    }
}
