package dev.avatarvideo.bootstrap;

/** A setting is missing or wrong; the message says which one and what would be right. */
public final class ConfigurationException extends CannotStartException {

    public ConfigurationException(String message) {
        super(message);
    }
}
