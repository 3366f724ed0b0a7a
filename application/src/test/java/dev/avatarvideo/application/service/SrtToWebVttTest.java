package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.avatarvideo.application.fakes.ScriptedVideoRenderer;
import dev.avatarvideo.application.service.WebVttCues.Cue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SrtToWebVttTest {

    @Test
    void aWebVttHeaderComesFirstAndMillisecondsTakeADot() throws IOException {
        String vtt = convert(ScriptedVideoRenderer.TWO_CUES_SRT);

        assertThat(vtt).isEqualTo("WEBVTT\n\n"
                + "1\n00:00:00.000 --> 00:00:02.500\nWelcome to the course.\n\n"
                + "2\n00:00:02.500 --> 00:00:05.000\nLet us begin.\n\n");
        assertThat(WebVttCues.parse(vtt)).containsExactly(
                new Cue("1", Duration.ZERO, Duration.ofMillis(2_500), "Welcome to the course."),
                new Cue("2", Duration.ofMillis(2_500), Duration.ofSeconds(5), "Let us begin."));
    }

    @Test
    void oneDigitHoursAreWrittenWithTwo() throws IOException {
        String vtt = convert("7\n1:02:03,004 --> 1:02:05,000\nLate in the lesson\n");

        assertThat(vtt).contains("\n01:02:03.004 --> 01:02:05.000\n");
        assertThat(WebVttCues.parse(vtt)).containsExactly(new Cue("7", Duration.parse("PT1H2M3.004S"), Duration.parse("PT1H2M5S"),
                "Late in the lesson"));
    }

    @Test
    void aByteOrderMarkIsDroppedAndWindowsLineEndsBecomeLineFeeds() throws IOException {
        String windows = "\uFEFF" + ScriptedVideoRenderer.TWO_CUES_SRT.replace("\n", "\r\n");

        String vtt = convert(windows);

        assertThat(vtt).isEqualTo(convert(ScriptedVideoRenderer.TWO_CUES_SRT)).doesNotContain("\r").doesNotContain("\uFEFF");
        assertThat(WebVttCues.parse(vtt)).hasSize(2);
    }

    @Test
    void anArrowInsideACuesTextIsEscapedSoItIsNotReadAsATiming() throws IOException {
        String vtt = convert("1\n00:00:01,000 --> 00:00:02,000\nInput --> output\n\n");

        assertThat(vtt).contains("\nInput --&gt; output\n");
        assertThat(WebVttCues.parse(vtt)).extracting(Cue::text).containsExactly("Input --&gt; output");
    }

    @Test
    void theReaderRefusesWhatIsNotWebVtt() {
        // The reader must be able to fail, or the tests that read through it prove nothing.
        assertThatThrownBy(() -> WebVttCues.parse(ScriptedVideoRenderer.TWO_CUES_SRT)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> WebVttCues.parse("WEBVTT\n\n1\n00:00:01,000 --> 00:00:02,000\nHi\n")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> WebVttCues.parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA --> B\n")).isInstanceOf(AssertionError.class);
    }

    @Test
    void readingOneByteAtATimeOrInLargeChunksGivesTheSameBytes() throws IOException {
        StringBuilder srt = new StringBuilder("\uFEFF");
        for (int i = 1; i <= 500; i++) {
            srt.append(i).append("\r\n").append(String.format("0:%02d:%02d,000 --> 0:%02d:%02d,500", i / 60 % 60, i % 60, i / 60 % 60, i % 60))
                    .append("\r\nCafé naïve → ").append(i).append(" -->\r\n\r\n");
        }
        byte[] source = srt.toString().getBytes(StandardCharsets.UTF_8);

        byte[] whole = new SrtToWebVtt(new ByteArrayInputStream(source)).readAllBytes();
        byte[] oneByOne = readEachByte(new SrtToWebVtt(new ByteArrayInputStream(source)));
        byte[] tinyArrays = readInChunks(new SrtToWebVtt(new ByteArrayInputStream(source)), 1);
        byte[] largeChunks = readInChunks(new SrtToWebVtt(trickling(source)), 1 << 16);

        assertThat(oneByOne).isEqualTo(whole);
        assertThat(tinyArrays).isEqualTo(whole);
        assertThat(largeChunks).isEqualTo(whole);
        List<Cue> cues = WebVttCues.parse(new String(whole, StandardCharsets.UTF_8));
        assertThat(cues).hasSize(500);
        assertThat(cues.get(499).text()).isEqualTo("Café naïve → 500 --&gt;");
        assertThat(cues.get(499).start()).isEqualTo(Duration.parse("PT8M20S"));
    }

    private static String convert(String srt) throws IOException {
        try (InputStream vtt = new SrtToWebVtt(new ByteArrayInputStream(srt.getBytes(StandardCharsets.UTF_8)))) {
            return new String(vtt.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] readEachByte(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            out.write(b);
        }
        return out.toByteArray();
    }

    private static byte[] readInChunks(InputStream in, int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[size];
        for (int n = in.read(chunk, 0, size); n >= 0; n = in.read(chunk, 0, size)) {
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    /** A source that hands out at most 3 bytes a read, splitting lines and multi-byte characters, as a network does. */
    private static InputStream trickling(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3));
            }
        };
    }
}
