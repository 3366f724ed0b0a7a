package dev.avatarvideo.application.port.out.tenant;

import dev.avatarvideo.domain.Tenant;
import dev.avatarvideo.domain.TenantId;
import java.util.List;
import java.util.Optional;

/** The tenants this service keeps apart. */
public interface Tenants {

    /** Adds the tenant unless one with its id exists; answers whether it was added. */
    boolean add(Tenant tenant);

    Optional<Tenant> find(TenantId id);

    /** Every tenant, oldest first. */
    List<Tenant> list();

    boolean isEmpty();
}
