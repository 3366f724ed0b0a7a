package dev.avatarvideo.adapters.heygen;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.application.port.out.rendering.RendererKeyCheck;
import dev.avatarvideo.domain.RendererCredentials;

/** {@link RendererKeyCheck} on HeyGen's cheapest authenticated call, {@code GET /v3/users/me}: 401 means invalid. */
public final class HeyGenKeyCheck implements RendererKeyCheck {

    private final HeyGenApi api;

    public HeyGenKeyCheck(HeyGenSettings settings) {
        this.api = new HeyGenApi(settings);
    }

    @Override
    public KeyCheck check(RendererCredentials credentials) {
        ApiAnswer answer;
        try {
            answer = api.get(credentials.apiKey(), "/v3/users/me");
        } catch (HeyGenApi.Unreachable e) {
            return new KeyCheck.Unavailable(e.getMessage());
        }
        if (answer.isSuccess()) {
            return new KeyCheck.Valid(accountName(answer.body().path("data")));
        }
        if (answer.isUnauthorized() || answer.errorCode().equals("forbidden")) {
            return new KeyCheck.Invalid("HeyGen refused the API key: " + answer.errorMessage());
        }
        return new KeyCheck.Unavailable("HeyGen answered " + answer.describe());
    }

    private static String accountName(JsonNode user) {
        String username = user.path("username").asText("");
        if (!username.isBlank()) {
            return username;
        }
        String fullName = (user.path("first_name").asText("") + " " + user.path("last_name").asText("")).strip();
        return fullName.isEmpty() ? user.path("email").asText("HeyGen account") : fullName;
    }
}
