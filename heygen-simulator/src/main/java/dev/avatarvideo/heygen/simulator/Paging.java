package dev.avatarvideo.heygen.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** HeyGen's v3 cursor pagination: {@code limit} and an opaque {@code token}, answered with {@code has_more} and {@code next_token}. */
final class Paging {

    private Paging() {
    }

    /** Reads {@code limit} (default when absent) and refuses values outside 1..max as HeyGen does. */
    static int limit(String text, int defaultLimit, int max) {
        if (text == null || text.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw HeyGenError.invalidParameter("limit", "limit must be an integer from 1 to " + max + ", got '" + text + "'");
    }

    /** One page of {@code all} after the cursor, in HeyGen's list envelope. */
    static <T> Map<String, Object> page(List<T> all, String token, int limit, Function<T, Object> toJson) {
        int from = offset(token);
        int to = Math.min(all.size(), from + limit);
        List<Object> data = from >= all.size() ? List.of() : all.subList(from, to).stream().map(toJson).toList();
        boolean hasMore = to < all.size();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("data", data);
        answer.put("has_more", hasMore);
        answer.put("next_token", hasMore ? token(to) : null);
        return answer;
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("sim-offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token) {
        if (token == null || token.isBlank()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8);
            if (decoded.startsWith("sim-offset:")) {
                int offset = Integer.parseInt(decoded.substring("sim-offset:".length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw HeyGenError.invalidParameter("token", "token is not a cursor this API handed out");
    }
}
