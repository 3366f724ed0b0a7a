package dev.avatarvideo.adapters.heygen;

import dev.avatarvideo.domain.RendererAnswer;

/** HeyGen's refusals in the domain's words, for every call that answers a {@link RendererAnswer}. */
final class HeyGenAnswers {

    private HeyGenAnswers() {
    }

    static <T> RendererAnswer<T> refusal(ApiAnswer answer) {
        if (answer.isUnauthorized()) {
            return new RendererAnswer.KeyRejected<>(answer.errorMessage());
        }
        if (answer.isRateLimited()) {
            return new RendererAnswer.RateLimited<>(answer.retryAfter().orElse(HeyGenVideoRenderer.DEFAULT_WAIT));
        }
        if (answer.isNotFound()) {
            return new RendererAnswer.NotFound<>(answer.errorMessage());
        }
        if (answer.isTransient()) {
            return new RendererAnswer.Unavailable<>("HeyGen answered " + answer.describe());
        }
        return new RendererAnswer.Refused<>(answer.errorParam().orElse(""), answer.errorMessage());
    }

    static <T> RendererAnswer<T> unreachable(HeyGenApi.Unreachable e) {
        return new RendererAnswer.Unavailable<>(e.getMessage());
    }
}
