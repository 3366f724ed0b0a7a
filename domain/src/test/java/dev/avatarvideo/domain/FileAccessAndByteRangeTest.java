package dev.avatarvideo.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FileAccessAndByteRangeTest {

    private static final StorageKey KEY = StorageKey.newFor(TenantId.of("acme"), "clip.mp4");

    @Test
    void rangesSelectTheBytesHttpMeansClippedToTheFile() {
        assertThat(ByteRange.between(10, 19).within(100)).contains(new ByteRange.Span(10, 19));
        assertThat(ByteRange.between(90, 500).within(100)).contains(new ByteRange.Span(90, 99));
        assertThat(ByteRange.startingAt(0).within(100)).contains(new ByteRange.Span(0, 99));
        assertThat(ByteRange.lastBytes(5).within(100)).contains(new ByteRange.Span(95, 99));
        assertThat(ByteRange.lastBytes(500).within(100)).contains(new ByteRange.Span(0, 99));
        assertThat(ByteRange.startingAt(100).within(100)).isEmpty();
        assertThat(ByteRange.lastBytes(0).within(100)).isEmpty();
        assertThat(ByteRange.startingAt(0).within(0)).isEmpty();
        assertThat(new ByteRange.Span(10, 19).length()).isEqualTo(10);
        assertThatThrownBy(() -> ByteRange.between(5, 4)).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("range"));
        assertThatThrownBy(() -> ByteRange.startingAt(-1)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void anAccessNamesTheOffendingPartAndAllowsNoHeaderSmuggling() {
        Instant expires = Instant.parse("2026-11-21T11:00:00Z");

        assertThat(new FileAccess(KEY, expires, "a.mp4", "text/plain; charset=utf-8").contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThatThrownBy(() -> new FileAccess(KEY, expires, "a.mp4", "video/mp4\r\nSet-Cookie: x=y"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("type"));
        assertThatThrownBy(() -> new FileAccess(KEY, expires, " ", "video/mp4"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("filename"));
        assertThatThrownBy(() -> new FileAccess(KEY, null, "a.mp4", "video/mp4"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("expires"));
        assertThat(new FileAccess(KEY, expires, "a.mp4", "video/mp4").expiredAt(expires)).isFalse();
        assertThat(new FileAccess(KEY, expires, "a.mp4", "video/mp4").expiredAt(expires.plusSeconds(1))).isTrue();
    }

    @Test
    void onlyMediaABrowserPlaysOrPicturesIsShownInPlaceEverythingElseIsADownload() {
        Instant expires = Instant.parse("2026-11-21T11:00:00Z");

        assertThat(new FileAccess(KEY, expires, "Lesson.mp4", "video/mp4").disposition()).startsWith("inline; filename=\"Lesson.mp4\"");
        assertThat(new FileAccess(KEY, expires, "page.html", "text/html; charset=utf-8").disposition()).startsWith("attachment; filename=\"page.html\"");
        assertThat(FileAccess.showsInPlace("audio/ogg")).isTrue();
        assertThat(FileAccess.showsInPlace("Image/PNG")).isTrue();
        for (String type : new String[] {"image/svg+xml", "application/pdf", "text/html", "application/xhtml+xml", "text/xml", "text/plain",
                "application/javascript", "image/x-icon"}) {
            assertThat(FileAccess.showsInPlace(type)).as(type).isFalse();
        }
    }

    @Test
    void theDispositionKeepsTheExactNameAndAnAsciiFallbackWithoutQuotesOrLineBreaks() {
        assertThat(FileAccess.inlineDisposition("Grüße \"1\"\r\n.mp4"))
                .isEqualTo("inline; filename=\"Gr__e _1___.mp4\"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20%221%22%0D%0A.mp4");
    }
}
