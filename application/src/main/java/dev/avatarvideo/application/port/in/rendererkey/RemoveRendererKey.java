package dev.avatarvideo.application.port.in.rendererkey;

import dev.avatarvideo.domain.TenantId;

/**
 * Stop rendering with the tenant's own key; its new videos go to the service's account. Renders already in flight on
 * the removed key are still followed with it.
 */
public interface RemoveRendererKey {

    /** Answers false when the tenant had no key of its own. */
    boolean remove(TenantId tenantId);
}
