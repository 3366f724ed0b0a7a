package dev.avatarvideo.heygen.simulator;

import java.util.List;
import java.util.Optional;

/** The avatars and voices the simulator knows. Ids are stable so docs and outside checks can rely on them. */
final class Catalog {

    record Avatar(String id, String name, String gender, String defaultVoiceId) {
    }

    record Voice(String voiceId, String name, String language, String gender) {
    }

    static final List<Avatar> AVATARS = List.of(
            new Avatar("sim-avatar-anna", "Anna (simulated)", "female", "sim-voice-en-1"),
            new Avatar("sim-avatar-ben", "Ben (simulated)", "male", "sim-voice-en-2"),
            new Avatar("sim-avatar-chen", "Chen (simulated)", "female", "sim-voice-de-1"));

    static final List<Voice> VOICES = List.of(
            new Voice("sim-voice-en-1", "Emma (simulated)", "English", "female"),
            new Voice("sim-voice-en-2", "Liam (simulated)", "English", "male"),
            new Voice("sim-voice-de-1", "Greta (simulated)", "German", "female"),
            new Voice("sim-voice-fr-1", "Louis (simulated)", "French", "male"));

    private Catalog() {
    }

    static Optional<Avatar> avatar(String id) {
        return AVATARS.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    static Optional<Voice> voice(String id) {
        return VOICES.stream().filter(v -> v.voiceId().equals(id)).findFirst();
    }
}
