package dev.avatarvideo.application.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an SRT caption file into WebVTT while it streams, a line at a time: browsers' {@code <track>} reads only
 * WebVTT. The two differ in little: WebVTT starts with a {@code WEBVTT} line, separates milliseconds with a dot, and
 * reads {@code -->} inside a cue's text as a timing; SRT's cue numbers are valid WebVTT cue identifiers and stay.
 */
final class SrtToWebVtt extends InputStream {

    /** {@code 00:00:01,500 --> 00:00:03,000} and the variants found in the wild (1-digit hours, dots, extra spaces). */
    private static final Pattern TIMING = Pattern.compile(
            "^\\s*(\\d{1,3}):(\\d{2}):(\\d{2})[,.](\\d{3})\\s*-->\\s*(\\d{1,3}):(\\d{2}):(\\d{2})[,.](\\d{3})(.*)$");
    private static final byte[] HEADER = "WEBVTT\n\n".getBytes(StandardCharsets.UTF_8);

    private final BufferedReader srt;
    private byte[] pending = HEADER;
    private int position;
    private boolean ended;

    SrtToWebVtt(InputStream srt) {
        this.srt = new BufferedReader(new InputStreamReader(srt, StandardCharsets.UTF_8));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == pending.length) {
            if (ended || !nextLine()) {
                return -1;
            }
        }
        int n = Math.min(length, pending.length - position);
        System.arraycopy(pending, position, buffer, offset, n);
        position += n;
        return n;
    }

    private boolean nextLine() throws IOException {
        String line = srt.readLine();
        if (line == null) {
            ended = true;
            return false;
        }
        pending = (webVttLine(line) + "\n").getBytes(StandardCharsets.UTF_8);
        position = 0;
        return true;
    }

    /** One SRT line as WebVTT: a timing with dots and two-digit hours, any other line with no stray timing arrow. */
    static String webVttLine(String srtLine) {
        String line = srtLine.startsWith("\uFEFF") ? srtLine.substring(1) : srtLine;
        Matcher timing = TIMING.matcher(line);
        if (timing.matches()) {
            return time(timing, 1) + " --> " + time(timing, 5) + timing.group(9);
        }
        return line.replace("-->", "--&gt;");
    }

    private static String time(Matcher timing, int first) {
        String hours = timing.group(first);
        return (hours.length() == 1 ? "0" + hours : hours) + ":" + timing.group(first + 1) + ":" + timing.group(first + 2) + "."
                + timing.group(first + 3);
    }

    @Override
    public void close() throws IOException {
        srt.close();
    }
}
