package dev.avatarvideo.domain;

/**
 * A call from the renderer (a webhook) as it arrived, sealed: the core never reads it, only hands it with the account's
 * signing secrets to the renderer's adapter, which alone knows its format and signature scheme and opens it into a
 * {@link RenderEvent}, or refuses it.
 */
public interface RenderDelivery {
}
