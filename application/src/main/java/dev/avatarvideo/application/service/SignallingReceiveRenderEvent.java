package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.rendering.ReceiveRenderEvent;
import dev.avatarvideo.application.port.in.rendering.RenderEventCommand;
import dev.avatarvideo.application.port.out.runtime.WorkSignals;

/** An accepted render event is acted on at once; a rejected, duplicate or ignored one kept nothing to act on. */
public final class SignallingReceiveRenderEvent implements ReceiveRenderEvent {

    private final ReceiveRenderEvent receive;
    private final WorkSignals signals;

    public SignallingReceiveRenderEvent(ReceiveRenderEvent receive, WorkSignals signals) {
        this.receive = receive;
        this.signals = signals;
    }

    @Override
    public Receipt receive(RenderEventCommand command) {
        Receipt receipt = receive.receive(command);
        if (receipt == Receipt.ACCEPTED) {
            signals.renderEventAccepted();
        }
        return receipt;
    }
}
