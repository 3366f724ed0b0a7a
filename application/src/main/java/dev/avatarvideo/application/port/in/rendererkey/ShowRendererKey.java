package dev.avatarvideo.application.port.in.rendererkey;

import dev.avatarvideo.domain.TenantId;
import java.util.Optional;

/** Whether a tenant renders with a key of its own, and which account it opens; empty when it uses the service's. */
public interface ShowRendererKey {

    Optional<RendererKeyView> show(TenantId tenantId);
}
