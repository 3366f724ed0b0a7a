package dev.avatarvideo.application.port.in.rendering;

/** How the service is tracking renders right now, over every instance and tenant: for operators. */
public interface GetProcessingStatus {

    ProcessingStatus status();
}
