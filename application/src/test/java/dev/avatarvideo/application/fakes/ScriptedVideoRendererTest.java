package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.VideoRendererContract;
import dev.avatarvideo.application.port.out.rendering.VideoRenderer;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.RenderId;
import dev.avatarvideo.domain.Scene;

/** The scripted fake's default script: it must behave as the real renderer does with a video it accepts. */
class ScriptedVideoRendererTest extends VideoRendererContract {

    private final ScriptedVideoRenderer renderer = new ScriptedVideoRenderer();

    @Override
    protected VideoRenderer renderer() {
        return renderer;
    }

    @Override
    protected void finish(AvatarVideo video, RenderId render) {
        renderer.completeRender(video.id());
    }

    @Override
    protected Scene knownScene() {
        return new Scene("any-avatar", "any-voice", "Welcome to the course.");
    }
}
