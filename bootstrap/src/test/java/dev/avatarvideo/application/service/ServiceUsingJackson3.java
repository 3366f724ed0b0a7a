package dev.avatarvideo.application.service;

import tools.jackson.databind.StandInForJackson3;

/** A deliberate violation, for proving the architecture rules can fail: a service using Jackson 3 ({@code tools.jackson}). */
public final class ServiceUsingJackson3 {

    public String json(StandInForJackson3 mapper) {
        return mapper.toString();
    }
}
