package dev.avatarvideo.application.port.out.notification;

import dev.avatarvideo.domain.NotificationUrl;
import dev.avatarvideo.domain.SigningSecret;
import dev.avatarvideo.domain.VideoEvent;
import java.time.Instant;

/** Sends one signed notification about a video event to the platform. */
public interface NotificationSender {

    /**
     * @param messageId the same on every attempt, so the receiver can drop repeats
     * @param timestamp when this attempt is made; part of what is signed, so a receiver can refuse stale replays
     */
    Outcome send(NotificationUrl url, String messageId, Instant timestamp, VideoEvent event, SigningSecret secret);

    /** What became of one attempt. */
    sealed interface Outcome {

        /** The receiver answered 2xx. */
        record Delivered(int status) implements Outcome {
        }

        /** Anything else: another status, no connection, a timeout; {@code reason} says which, without secrets. */
        record Failed(String reason) implements Outcome {
        }

        /**
         * Not sent, and never connected to: the receiver's host led only to addresses notifications may not go to
         * (inside the service's network). {@code reason} says so without naming the host or its addresses.
         */
        record Refused(String reason) implements Outcome {
        }
    }
}
