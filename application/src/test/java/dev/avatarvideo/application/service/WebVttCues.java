package dev.avatarvideo.application.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small strict reader of WebVTT, as much of the W3C syntax as the files this service makes may use: the
 * {@code WEBVTT} signature line, cues separated by blank lines, each an optional identifier, a timing line
 * ({@code hh:mm:ss.ttt --> hh:mm:ss.ttt}, hours optional and two digits or more) and text lines none of which holds
 * {@code -->}. Anything else is an {@link AssertionError}, so a test that reads a file through it proves it parses.
 */
final class WebVttCues {

    record Cue(String identifier, Duration start, Duration end, String text) {
    }

    private static final String TIME = "(?:(\\d{2,}):)?(\\d{2}):(\\d{2})\\.(\\d{3})";
    private static final Pattern TIMING = Pattern.compile("^" + TIME + " +--> +" + TIME + "(?:[ \\t].*)?$");

    private WebVttCues() {
    }

    static List<Cue> parse(String webVtt) {
        if (webVtt.indexOf('\r') >= 0 || webVtt.startsWith("\uFEFF")) {
            throw new AssertionError("this service's WebVTT is written with LF line ends and no byte order mark");
        }
        String[] blocks = webVtt.split("\n\n+");
        if (!blocks[0].equals("WEBVTT") && !blocks[0].startsWith("WEBVTT ") && !blocks[0].startsWith("WEBVTT\t")) {
            throw new AssertionError("a WebVTT file starts with the line WEBVTT, then a blank line; it starts: " + blocks[0]);
        }
        List<Cue> cues = new ArrayList<>();
        for (String block : Arrays.copyOfRange(blocks, 1, blocks.length)) {
            if (!block.isEmpty()) {
                cues.add(cue(block));
            }
        }
        return cues;
    }

    private static Cue cue(String block) {
        List<String> lines = List.of(block.split("\n"));
        int timingLine = lines.get(0).contains("-->") ? 0 : 1;
        if (timingLine >= lines.size()) {
            throw new AssertionError("a cue without a timing line: " + block);
        }
        Matcher timing = TIMING.matcher(lines.get(timingLine));
        if (!timing.matches()) {
            throw new AssertionError("not a WebVTT timing line: " + lines.get(timingLine));
        }
        List<String> text = lines.subList(timingLine + 1, lines.size());
        for (String line : text) {
            if (line.contains("-->")) {
                throw new AssertionError("a cue's text may not hold -->: " + line);
            }
        }
        Duration start = time(timing, 1);
        Duration end = time(timing, 5);
        if (end.compareTo(start) <= 0) {
            throw new AssertionError("a cue must end after it starts: " + lines.get(timingLine));
        }
        return new Cue(timingLine == 1 ? lines.get(0) : null, start, end, String.join("\n", text));
    }

    private static Duration time(Matcher timing, int first) {
        long hours = timing.group(first) == null ? 0 : Long.parseLong(timing.group(first));
        int minutes = Integer.parseInt(timing.group(first + 1));
        int seconds = Integer.parseInt(timing.group(first + 2));
        if (minutes > 59 || seconds > 59) {
            throw new AssertionError("minutes and seconds run to 59: " + timing.group());
        }
        return Duration.ofHours(hours).plusMinutes(minutes).plusSeconds(seconds).plusMillis(Integer.parseInt(timing.group(first + 3)));
    }
}
