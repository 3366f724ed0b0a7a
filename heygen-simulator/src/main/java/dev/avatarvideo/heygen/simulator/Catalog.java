package dev.avatarvideo.heygen.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The avatar looks and voices the simulator knows. The built-in ids are stable so docs and outside checks can rely on
 * them; tests add generated looks to exercise pagination.
 */
final class Catalog {

    /** One avatar look; {@code ownership} is a filter HeyGen applies but does not echo in a look. */
    record Look(String id, String name, String avatarType, String gender, String defaultVoiceId, List<String> engines,
                List<String> tags, String ownership) {
    }

    record Voice(String voiceId, String name, String language, String gender, String type, boolean supportPause,
                 boolean supportLocale) {
    }

    static final List<String> AVATAR_TYPES = List.of("studio_avatar", "digital_twin", "photo_avatar");
    static final List<String> OWNERSHIPS = List.of("public", "private");
    static final List<String> VOICE_TYPES = List.of("public", "private");
    static final List<String> GENDERS = List.of("male", "female");

    private static final List<Look> BUILT_IN_LOOKS = List.of(
            new Look("sim-avatar-anna", "Anna (simulated)", "studio_avatar", "female", "sim-voice-en-1",
                    List.of("avatar_iv"), List.of("business", "simulated"), "public"),
            new Look("sim-avatar-ben", "Ben (simulated)", "studio_avatar", "male", "sim-voice-en-2",
                    List.of("avatar_iv"), List.of("casual", "simulated"), "public"),
            new Look("sim-avatar-chen", "Chen (simulated)", "studio_avatar", "female", "sim-voice-de-1",
                    List.of("avatar_iv"), List.of("business", "simulated"), "public"),
            new Look("sim-avatar-dana-twin", "Dana, your digital twin (simulated)", "digital_twin", "female", "sim-voice-clone-1",
                    List.of("avatar_iv", "avatar_v"), List.of("simulated"), "private"),
            new Look("sim-photo-eli", "Eli, a photo avatar (simulated)", "photo_avatar", "male", "sim-voice-en-2",
                    List.of("avatar_iv"), List.of("simulated"), "private"));

    private static final List<Voice> BUILT_IN_VOICES = List.of(
            new Voice("sim-voice-en-1", "Emma (simulated)", "English", "female", "public", true, true),
            new Voice("sim-voice-en-2", "Liam (simulated)", "English", "male", "public", true, true),
            new Voice("sim-voice-de-1", "Greta (simulated)", "German", "female", "public", true, false),
            new Voice("sim-voice-fr-1", "Louis (simulated)", "French", "male", "public", false, false),
            new Voice("sim-voice-clone-1", "Dana's cloned voice (simulated)", "English", "female", "private", true, false));

    private final List<Look> looks = new CopyOnWriteArrayList<>(BUILT_IN_LOOKS);
    private final List<Voice> voices = new CopyOnWriteArrayList<>(BUILT_IN_VOICES);

    List<Look> looks() {
        return List.copyOf(looks);
    }

    List<Voice> voices() {
        return List.copyOf(voices);
    }

    Optional<Look> look(String id) {
        return looks.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    Optional<Voice> voice(String id) {
        return voices.stream().filter(v -> v.voiceId().equals(id)).findFirst();
    }

    /** Adds {@code count} public studio looks with ids {@code sim-look-00001} on, after those already generated. */
    synchronized List<String> addGeneratedLooks(int count) {
        if (count < 1 || count > 100_000) {
            throw new IllegalArgumentException("count must be from 1 to 100000, got " + count);
        }
        long existing = looks.stream().filter(l -> l.id().startsWith("sim-look-")).count();
        List<Look> added = new ArrayList<>(count);
        for (long i = existing + 1; i <= existing + count; i++) {
            boolean even = i % 2 == 0;
            added.add(new Look("sim-look-%05d".formatted(i), "Generated look %d (simulated)".formatted(i), "studio_avatar",
                    even ? "female" : "male", even ? "sim-voice-en-1" : "sim-voice-en-2", List.of("avatar_iv"),
                    List.of("generated", "simulated"), "public"));
        }
        looks.addAll(added);
        return added.stream().map(Look::id).toList();
    }

    static List<String> builtInLookIds() {
        return BUILT_IN_LOOKS.stream().map(Look::id).toList();
    }

    static List<String> builtInVoiceIds() {
        return BUILT_IN_VOICES.stream().map(Voice::voiceId).toList();
    }
}
