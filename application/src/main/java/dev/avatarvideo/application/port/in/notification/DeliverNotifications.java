package dev.avatarvideo.application.port.in.notification;

/** Send the notifications that are due. Driven by a background loop; safe to run on several instances at once. */
public interface DeliverNotifications {

    /** Delivers (or fails and reschedules) what is due now; answers how many deliveries were attempted. */
    int deliverDue();
}
