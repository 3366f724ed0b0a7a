package dev.avatarvideo.adapters.heygen;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarvideo.application.port.out.rendering.RendererCatalog;
import dev.avatarvideo.domain.AvatarLook;
import dev.avatarvideo.domain.AvatarLookFilter;
import dev.avatarvideo.domain.AvatarType;
import dev.avatarvideo.domain.Ownership;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.Voice;
import dev.avatarvideo.domain.VoiceFilter;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link RendererCatalog} on HeyGen's {@code GET /v3/avatars/looks} and {@code GET /v3/voices}, for any API key. Follows
 * {@code next_token} until {@code has_more} is false, asking for the largest page HeyGen allows, so a listing always
 * arrives whole. Not cached: wrap it in a {@link CachingRendererCatalog}.
 */
public final class HeyGenRendererCatalog implements RendererCatalog {

    /** HeyGen's largest page per listing. */
    static final int LOOKS_PAGE = 50;
    static final int VOICES_PAGE = 100;
    /** A cursor that never ends is HeyGen's bug, not a reason to loop forever: 2,000 pages are 100,000 looks. */
    private static final int MAX_PAGES = 2_000;

    private final HeyGenApi api;

    public HeyGenRendererCatalog(HeyGenSettings settings) {
        this.api = new HeyGenApi(settings);
    }

    @Override
    public RendererAnswer<List<AvatarLook>> avatarLooks(RendererCredentials credentials, AvatarLookFilter filter) {
        StringBuilder query = new StringBuilder("/v3/avatars/looks?limit=" + LOOKS_PAGE);
        filter.type().ifPresent(type -> query.append("&avatar_type=").append(type.label()));
        filter.ownership().ifPresent(ownership -> query.append("&ownership=").append(ownership.label()));
        return allPages(credentials, query.toString(), HeyGenRendererCatalog::look);
    }

    @Override
    public RendererAnswer<List<Voice>> voices(RendererCredentials credentials, VoiceFilter filter) {
        StringBuilder query = new StringBuilder("/v3/voices?limit=" + VOICES_PAGE);
        filter.language().ifPresent(language -> query.append("&language=").append(HeyGenVideoRenderer.encode(language)));
        filter.gender().ifPresent(gender -> query.append("&gender=").append(gender.label()));
        filter.ownership().ifPresent(ownership -> query.append("&type=").append(ownership.label()));
        Ownership asked = filter.ownership().orElse(Ownership.PUBLIC);
        return allPages(credentials, query.toString(), node -> voice(node, asked));
    }

    private <T> RendererAnswer<List<T>> allPages(RendererCredentials credentials, String firstPage, Function<JsonNode, Optional<T>> read) {
        List<T> items = new ArrayList<>();
        Set<String> tokensSeen = new HashSet<>();
        String token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ApiAnswer answer;
            try {
                answer = api.get(credentials.apiKey(), firstPage + (token == null ? "" : "&token=" + HeyGenVideoRenderer.encode(token)));
            } catch (HeyGenApi.Unreachable e) {
                return HeyGenAnswers.unreachable(e);
            }
            if (!answer.isSuccess()) {
                return HeyGenAnswers.refusal(answer);
            }
            answer.body().path("data").forEach(node -> read.apply(node).ifPresent(items::add));
            String next = answer.body().path("next_token").asText("");
            if (!answer.body().path("has_more").asBoolean(false) || next.isEmpty()) {
                return new RendererAnswer.Answered<>(List.copyOf(items));
            }
            if (!tokensSeen.add(next)) {
                return new RendererAnswer.Unavailable<>("HeyGen handed out the same page cursor twice; the listing would never end");
            }
            token = next;
        }
        return new RendererAnswer.Unavailable<>("HeyGen's listing did not end after " + MAX_PAGES + " pages");
    }

    private static Optional<AvatarLook> look(JsonNode node) {
        String id = node.path("id").asText("");
        if (id.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new AvatarLook(id, node.path("name").asText(""), avatarType(node.path("avatar_type").asText("")),
                text(node, "gender"), url(node, "preview_image_url"), url(node, "preview_video_url"), text(node, "default_voice_id"),
                strings(node.path("supported_api_engines")), strings(node.path("tags"))));
    }

    /** HeyGen's docs name digital twins {@code digital_twin} in one place and {@code video_avatar} in another. */
    private static AvatarType avatarType(String label) {
        if (label.equals("video_avatar")) {
            return AvatarType.DIGITAL_TWIN;
        }
        return AvatarType.ofLabel(label).orElse(AvatarType.OTHER);
    }

    private static Optional<Voice> voice(JsonNode node, Ownership asked) {
        String id = node.path("voice_id").asText("");
        if (id.isBlank()) {
            return Optional.empty();
        }
        Ownership ownership = switch (node.path("type").asText("")) {
            case "public" -> Ownership.PUBLIC;
            case "private" -> Ownership.PRIVATE;
            default -> asked;
        };
        return Optional.of(new Voice(id, node.path("name").asText(""), node.path("language").asText(""), text(node, "gender"),
                url(node, "preview_audio_url"), node.path("support_pause").asBoolean(false), node.path("support_locale").asBoolean(false),
                ownership));
    }

    private static Optional<String> text(JsonNode node, String field) {
        String value = node.path(field).asText("");
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<URI> url(JsonNode node, String field) {
        return text(node, field).flatMap(value -> {
            try {
                URI uri = URI.create(value);
                return uri.isAbsolute() ? Optional.of(uri) : Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> {
            if (value.isTextual()) {
                values.add(value.asText());
            }
        });
        return values;
    }
}
