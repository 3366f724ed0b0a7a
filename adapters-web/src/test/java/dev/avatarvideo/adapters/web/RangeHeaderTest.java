package dev.avatarvideo.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.domain.ByteRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RangeHeaderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL                           | Whole[]",
            "bytes=0-                       | From[first=0]",
            "bytes=10-19                    | Between[first=10, last=19]",
            "' bytes=10-19 '                | Between[first=10, last=19]",
            "bytes=-500                     | Last[count=500]",
            "bytes=-0                       | Last[count=0]",
            "bytes=19-10                    | Whole[]",
            "bytes=-                        | Whole[]",
            "bytes=0-1,5-6                  | Whole[]",
            "items=0-5                      | Whole[]",
            "bytes=99999999999999999999999- | From[first=9223372036854775807]",
    })
    void readsTheRangeAPlayerAsksFor(String header, String expected) {
        ByteRange range = RangeHeader.parse(header);

        assertThat(range.toString()).isEqualTo(expected);
    }
}
