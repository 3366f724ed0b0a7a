package dev.avatarvideo.heygen.simulator;

/**
 * The width and height of a rendered video. HeyGen anchors the short edge to the resolution (720, 1080 or 2160 pixels)
 * and derives the long one from the aspect ratio; {@code auto} follows the avatar's own frames, which in the simulator
 * are 16:9 (HeyGen's own fallback when it cannot read them).
 */
record FrameSize(int width, int height) {

    static final String DEFAULT_RESOLUTION = "720p";
    static final String DEFAULT_ASPECT_RATIO = "16:9";

    FrameSize {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("a frame needs positive, even sides (got " + width + "x" + height + ")");
        }
    }

    /** The frame for HeyGen's {@code resolution} and {@code aspect_ratio} labels; {@code null} means the default. */
    static FrameSize of(String resolution, String aspectRatio) {
        int shortEdge = switch (resolution == null ? DEFAULT_RESOLUTION : resolution) {
            case "720p" -> 720;
            case "1080p" -> 1080;
            case "4k" -> 2160;
            default -> throw new IllegalArgumentException("unknown resolution " + resolution);
        };
        String shape = aspectRatio == null || aspectRatio.equals("auto") ? DEFAULT_ASPECT_RATIO : aspectRatio;
        return switch (shape) {
            case "16:9" -> new FrameSize(shortEdge * 16 / 9, shortEdge);
            case "9:16" -> new FrameSize(shortEdge, shortEdge * 16 / 9);
            case "5:4" -> new FrameSize(shortEdge * 5 / 4, shortEdge);
            case "4:5" -> new FrameSize(shortEdge, shortEdge * 5 / 4);
            case "1:1" -> new FrameSize(shortEdge, shortEdge);
            default -> throw new IllegalArgumentException("unknown aspect ratio " + aspectRatio);
        };
    }

    /** The same shape with its long edge at most {@code longEdge} pixels, for pictures smaller than the video. */
    FrameSize fittedInto(int longEdge) {
        double scale = Math.min(1.0, (double) longEdge / Math.max(width, height));
        return new FrameSize(even(width * scale), even(height * scale));
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }

    private static int even(double side) {
        return Math.max(2, (int) Math.round(side / 2) * 2);
    }
}
