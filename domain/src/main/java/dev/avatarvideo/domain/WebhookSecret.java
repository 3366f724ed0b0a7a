package dev.avatarvideo.domain;

/** The secret a renderer signs its webhook calls with. Never printed: {@link #toString()} masks it. */
public record WebhookSecret(String value) {

    public WebhookSecret {
        Require.notBlank("secret", value);
    }

    @Override
    public String toString() {
        return "WebhookSecret[****]";
    }
}
