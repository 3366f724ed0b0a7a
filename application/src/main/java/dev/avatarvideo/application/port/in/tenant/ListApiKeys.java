package dev.avatarvideo.application.port.in.tenant;

import dev.avatarvideo.domain.ApiKey;
import dev.avatarvideo.domain.TenantId;
import java.util.List;

/** A tenant's service API keys, revoked ones included; never the keys themselves. */
public interface ListApiKeys {

    List<ApiKey> list(TenantId tenantId);
}
