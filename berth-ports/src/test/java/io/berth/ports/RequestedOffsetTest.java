package io.berth.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestedOffsetTest {

    /** Every ordered pair of sources, higher first. */
    static List<OffsetSource[]> sourcePairs() {
        List<OffsetSource[]> pairs = new ArrayList<>();
        OffsetSource[] sources = {OffsetSource.OPTION, OffsetSource.SYSTEM_PROPERTY, OffsetSource.CONFIG};
        for (int high = 0; high < sources.length; high++) {
            for (int low = high + 1; low < sources.length; low++) {
                pairs.add(new OffsetSource[] {sources[high], sources[low]});
            }
        }
        return pairs;
    }

    @ParameterizedTest
    @MethodSource("sourcePairs")
    void higherSourceWinsOverLowerWhateverTheOrderGiven(OffsetSource high, OffsetSource low) {
        RequestedOffset requested = RequestedOffset.resolve(
                new OffsetSetting(high, "1"), new OffsetSetting(low, "5"));
        assertEquals(high, requested.source());
        assertEquals(1, requested.value());
    }

    @ParameterizedTest
    @MethodSource("sourcePairs")
    void lowerSourceWinsWhenHigherIsAbsent(OffsetSource high, OffsetSource low) {
        RequestedOffset requested = RequestedOffset.resolve(
                OffsetSetting.absent(high), new OffsetSetting(low, "5"));
        assertEquals(low, requested.source());
        assertEquals(5, requested.value());
    }

    @ParameterizedTest
    @MethodSource("sourcePairs")
    void anInvalidHigherSourceIsAnErrorEvenWhenTheLowerIsValid(OffsetSource high, OffsetSource low) {
        InvalidOffsetException error = assertThrows(InvalidOffsetException.class, () -> RequestedOffset.resolve(
                new OffsetSetting(high, "abc"), new OffsetSetting(low, "5")));
        assertEquals(high, error.source());
    }

    @org.junit.jupiter.api.Test
    void noSourceMeansZeroFromDefault() {
        RequestedOffset requested = RequestedOffset.resolve(
                OffsetSetting.absent(OffsetSource.SYSTEM_PROPERTY), OffsetSetting.absent(OffsetSource.CONFIG));
        assertEquals(OffsetSource.DEFAULT, requested.source());
        assertEquals(0, requested.value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "AUTO", " Auto "})
    void autoIsAccepted(String text) {
        assertTrue(RequestedOffset.parse(new OffsetSetting(OffsetSource.CONFIG, text)).auto());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc     | not a whole number",
        "3.5     | not a whole number",
        "''      | empty",
        "-1      | cannot be negative",
        "70000   | past 65535",
        "99999999999999999999 | past 65535",
        "0x10    | not a whole number",
    })
    void badValuesNameSourceValueAndReason(String value, String reason) {
        InvalidOffsetException error = assertThrows(InvalidOffsetException.class,
                () -> RequestedOffset.parse(new OffsetSetting(OffsetSource.SYSTEM_PROPERTY, value)));
        assertTrue(error.getMessage().startsWith("Invalid port offset '" + value + "' from system property portOffset: "),
                error.getMessage());
        assertTrue(error.getMessage().contains(reason), error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = OffsetSource.class, names = {"OPTION", "SYSTEM_PROPERTY", "CONFIG"})
    void goodValueKeepsItsSource(OffsetSource source) {
        RequestedOffset requested = RequestedOffset.parse(new OffsetSetting(source, "+3"));
        assertEquals(new RequestedOffset(source, false, 3), requested);
    }
}
