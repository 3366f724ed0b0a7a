package dev.avatarvideo.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AesGcmSealingTest {

    private static final AesGcmSealing SEALING = AesGcmSealing.withBase64Key(Base64.getEncoder().encodeToString(new byte[32]));

    @Test
    void opensWhatItSealedAndEverySealingDiffers() {
        byte[] once = SEALING.seal("whsec_secret", "row-1");
        byte[] twice = SEALING.seal("whsec_secret", "row-1");

        assertThat(SEALING.open(once, "row-1")).isEqualTo("whsec_secret");
        assertThat(once).isNotEqualTo(twice);
    }

    @Test
    void refusesAlteredValuesAndValuesFromAnotherRow() {
        byte[] sealed = SEALING.seal("whsec_secret", "row-1");
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;

        assertThatThrownBy(() -> SEALING.open(altered, "row-1")).hasMessageContaining("altered");
        assertThatThrownBy(() -> SEALING.open(sealed, "row-2")).hasMessageContaining("altered, or belongs elsewhere");
        assertThatThrownBy(() -> SEALING.open(new byte[] {1, 2, 3}, "row-1")).hasMessageContaining("damaged");
    }

    @Test
    void tellsAnotherMasterKeyApartFromDamage() {
        byte[] other = new byte[32];
        other[31] = 7;
        byte[] sealed = AesGcmSealing.withBase64Key(Base64.getEncoder().encodeToString(other)).seal("whsec_secret", "row-1");

        assertThatThrownBy(() -> SEALING.open(sealed, "row-1")).isInstanceOf(AesGcmSealing.SealedWithAnotherKeyException.class)
                .hasMessageContaining(SEALING.keyId());
    }

    @Test
    void refusesKeysOfTheWrongSize() {
        assertThatThrownBy(() -> AesGcmSealing.withBase64Key(Base64.getEncoder().encodeToString(new byte[16]))).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> AesGcmSealing.withBase64Key("not base64!")).hasMessageContaining("base64");
    }

    @Test
    void tellsFromTheFirstBytesAloneWhichMasterKeySealedAValue() {
        byte[] other = new byte[32];
        other[0] = 9;
        byte[] ours = SEALING.seal("whsec_secret", "row-1");
        byte[] theirs = AesGcmSealing.withBase64Key(Base64.getEncoder().encodeToString(other)).seal("whsec_secret", "row-1");

        SEALING.requireThisKey(Arrays.copyOf(ours, AesGcmSealing.KEY_ID_END), "row-1");
        SEALING.requireThisKey(ours, "row-1");
        assertThatThrownBy(() -> SEALING.requireThisKey(Arrays.copyOf(theirs, AesGcmSealing.KEY_ID_END), "table t"))
                .isInstanceOf(AesGcmSealing.SealedWithAnotherKeyException.class).hasMessageContaining("table t");
        assertThatThrownBy(() -> SEALING.requireThisKey(new byte[] {1, 2}, "table t")).hasMessageContaining("damaged");
    }
}
