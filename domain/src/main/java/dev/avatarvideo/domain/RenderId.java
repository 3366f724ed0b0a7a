package dev.avatarvideo.domain;

/** The renderer's own identifier for a render job (HeyGen's video_id). Opaque to us. */
public record RenderId(String value) {

    public RenderId {
        Require.notBlank("renderId", value);
        Require.maxLength("renderId", value, 255);
    }

    @Override
    public String toString() {
        return value;
    }
}
