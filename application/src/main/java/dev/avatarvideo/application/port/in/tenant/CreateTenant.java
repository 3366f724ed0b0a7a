package dev.avatarvideo.application.port.in.tenant;

import dev.avatarvideo.domain.Tenant;

/** Create a tenant and its first service API key. */
public interface CreateTenant {

    /** @throws TenantExistsException when a tenant with that id exists */
    CreatedTenant create(CreateTenantCommand command);

    record CreatedTenant(Tenant tenant, IssuedApiKey firstKey) {
    }

    final class TenantExistsException extends RuntimeException {

        public TenantExistsException(String message) {
            super(message);
        }
    }
}
