package dev.avatarvideo.application.port.in.tenant;

import dev.avatarvideo.domain.Tenant;
import java.util.List;

/** Every tenant, oldest first. */
public interface ListTenants {

    List<Tenant> list();
}
