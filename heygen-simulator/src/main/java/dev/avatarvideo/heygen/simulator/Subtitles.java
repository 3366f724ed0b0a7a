package dev.avatarvideo.heygen.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sidecar SRT a render with {@code caption} hands out as {@code subtitle_url}: one cue per scene, in scene order,
 * spanning exactly the scene's time in the video, its text the scene's script. Long scripts are wrapped with line breaks
 * inside their cue rather than split into several cues, so a cue's text joined by spaces is the script again (with its
 * runs of white space made single spaces, as SRT cannot carry blank lines inside a cue). A scene spoken from an audio
 * file has no script and so no cue.
 */
final class Subtitles {

    /** The line length subtitle guidelines keep to (BBC, Netflix: about 42 characters). */
    static final int LINE_LENGTH = 42;

    private Subtitles() {
    }

    static String srt(RenderPlan plan) {
        StringBuilder srt = new StringBuilder();
        int cue = 0;
        for (int i = 0; i < plan.scenes().size(); i++) {
            String script = plan.scenes().get(i).script();
            if (script == null) {
                continue;
            }
            srt.append(++cue).append('\n')
                    .append(timestamp(plan.start(i))).append(" --> ").append(timestamp(plan.end(i))).append('\n')
                    .append(String.join("\n", wrap(script.strip().replaceAll("\\s+", " ")))).append("\n\n");
        }
        return srt.toString();
    }

    /** Words into lines of at most {@link #LINE_LENGTH} characters; a longer word gets a line of its own. */
    static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > LINE_LENGTH) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String timestamp(Duration at) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d,%03d", at.toHours(), at.toMinutesPart(), at.toSecondsPart(), at.toMillisPart());
    }
}
