package dev.avatarvideo.domain;

import java.util.Locale;

/**
 * How the service learns that a render finished.
 *
 * <ul>
 *   <li>{@link #POLLING}: it asks the renderer, in bulk, on a schedule that backs off; works anywhere.</li>
 *   <li>{@link #WEBHOOK}: the renderer calls the service; nothing is polled, and a render whose call never comes is
 *       reported as overdue (and fails at the render deadline).</li>
 *   <li>{@link #HYBRID}: webhooks, and polling for the renders whose webhook is overdue.</li>
 * </ul>
 * Webhook and hybrid need an address the renderer can reach.
 */
public enum ProcessingMode {
    WEBHOOK,
    POLLING,
    HYBRID;

    public boolean receivesWebhooks() {
        return this != POLLING;
    }

    public boolean polls() {
        return this != WEBHOOK;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** From {@code webhook}, {@code polling} or {@code hybrid}, in any case. */
    public static ProcessingMode fromLabel(String label) {
        for (ProcessingMode mode : values()) {
            if (mode.label().equalsIgnoreCase(label == null ? "" : label.strip())) {
                return mode;
            }
        }
        throw new InvalidInputException("processingMode", "processing mode must be webhook, polling or hybrid (got '" + label + "')");
    }
}
