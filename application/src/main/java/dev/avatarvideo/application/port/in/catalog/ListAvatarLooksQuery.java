package dev.avatarvideo.application.port.in.catalog;

import dev.avatarvideo.domain.AvatarLookFilter;
import dev.avatarvideo.domain.AvatarType;
import dev.avatarvideo.domain.Ownership;
import dev.avatarvideo.domain.TenantId;
import java.util.Objects;
import java.util.Optional;

/** Which avatar looks a tenant asks for. */
public record ListAvatarLooksQuery(TenantId tenantId, AvatarLookFilter filter) {

    public ListAvatarLooksQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(filter, "filter");
    }

    /** From a caller's raw parameters; absent or blank ones do not filter, unknown ones are refused by name. */
    public static ListAvatarLooksQuery fromParameters(TenantId tenantId, String avatarType, String ownership) {
        return new ListAvatarLooksQuery(tenantId, new AvatarLookFilter(
                present(avatarType).map(type -> AvatarType.fromLabel("avatarType", type)),
                present(ownership).map(value -> Ownership.fromLabel("ownership", value))));
    }

    static Optional<String> present(String parameter) {
        return Optional.ofNullable(parameter).map(String::strip).filter(p -> !p.isEmpty());
    }
}
