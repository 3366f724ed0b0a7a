package dev.avatarvideo.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.out.rendering.RendererCatalog;
import dev.avatarvideo.domain.AvatarLook;
import dev.avatarvideo.domain.AvatarLookFilter;
import dev.avatarvideo.domain.AvatarType;
import dev.avatarvideo.domain.Gender;
import dev.avatarvideo.domain.Ownership;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.Voice;
import dev.avatarvideo.domain.VoiceFilter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RendererCatalog} promises, run against the in-memory fake and the real adapters. An
 * implementation must already offer at least one look of each of the three known types, one private look and public
 * voices of both genders, plus one private voice (the HeyGen simulator's built-in catalog does).
 */
public abstract class RendererCatalogContract {

    protected abstract RendererCatalog catalog();

    protected abstract RendererCredentials acceptedCredentials();

    /** Adds {@code count} public studio looks behind the catalog. */
    protected abstract void addLooks(int count);

    @Test
    void aListingArrivesWholeHoweverManyPagesItTakes() {
        int before = looks(AvatarLookFilter.ALL).size();
        addLooks(137);

        List<AvatarLook> all = looks(AvatarLookFilter.ALL);

        assertThat(all).hasSize(before + 137);
        assertThat(all).extracting(AvatarLook::id).doesNotHaveDuplicates();
    }

    @Test
    void looksAreFilteredByTypeAndOwnership() {
        List<AvatarLook> all = looks(AvatarLookFilter.ALL);
        for (AvatarType type : List.of(AvatarType.STUDIO_AVATAR, AvatarType.DIGITAL_TWIN, AvatarType.PHOTO_AVATAR)) {
            List<AvatarLook> ofType = looks(new AvatarLookFilter(Optional.of(type), Optional.empty()));
            assertThat(ofType).as(type.label()).isNotEmpty().allMatch(look -> look.type() == type);
            assertThat(all).containsAll(ofType);
        }
        List<AvatarLook> own = looks(new AvatarLookFilter(Optional.empty(), Optional.of(Ownership.PRIVATE)));
        List<AvatarLook> shared = looks(new AvatarLookFilter(Optional.empty(), Optional.of(Ownership.PUBLIC)));
        assertThat(own).isNotEmpty().doesNotContainAnyElementsOf(shared);
        assertThat(own.size() + shared.size()).isEqualTo(all.size());
    }

    @Test
    void voicesArePublicUnlessAskedOtherwiseAndFilterByGenderAndLanguage() {
        List<Voice> shared = voices(VoiceFilter.ALL);
        List<Voice> own = voices(new VoiceFilter(Optional.empty(), Optional.empty(), Optional.of(Ownership.PRIVATE)));
        List<Voice> women = voices(new VoiceFilter(Optional.empty(), Optional.of(Gender.FEMALE), Optional.empty()));
        String language = shared.getFirst().language();
        List<Voice> inLanguage = voices(new VoiceFilter(Optional.of(language.toUpperCase(Locale.ROOT)), Optional.empty(), Optional.empty()));

        assertThat(shared).isNotEmpty().allMatch(voice -> voice.ownership() == Ownership.PUBLIC);
        assertThat(own).isNotEmpty().allMatch(voice -> voice.ownership() == Ownership.PRIVATE);
        assertThat(women).isNotEmpty().allMatch(voice -> voice.gender().equals(Optional.of("female")));
        assertThat(inLanguage).isNotEmpty().allMatch(voice -> voice.language().equalsIgnoreCase(language));
    }

    @Test
    void credentialsTheRendererDoesNotKnowAreRejectedNotFailed() {
        RendererCredentials unknown = new RendererCredentials("not-a-key-of-this-renderer");

        assertThat(catalog().avatarLooks(unknown, AvatarLookFilter.ALL)).isInstanceOf(RendererAnswer.KeyRejected.class);
        assertThat(catalog().voices(unknown, VoiceFilter.ALL)).isInstanceOf(RendererAnswer.KeyRejected.class);
    }

    protected List<AvatarLook> looks(AvatarLookFilter filter) {
        RendererAnswer<List<AvatarLook>> answer = catalog().avatarLooks(acceptedCredentials(), filter);
        assertThat(answer).isInstanceOf(RendererAnswer.Answered.class);
        return answer.answered().orElseThrow();
    }

    protected List<Voice> voices(VoiceFilter filter) {
        RendererAnswer<List<Voice>> answer = catalog().voices(acceptedCredentials(), filter);
        assertThat(answer).isInstanceOf(RendererAnswer.Answered.class);
        return answer.answered().orElseThrow();
    }
}
