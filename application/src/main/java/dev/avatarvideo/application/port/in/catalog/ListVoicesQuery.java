package dev.avatarvideo.application.port.in.catalog;

import dev.avatarvideo.domain.Gender;
import dev.avatarvideo.domain.Ownership;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.VoiceFilter;
import java.util.Objects;

/** Which voices a tenant asks for. */
public record ListVoicesQuery(TenantId tenantId, VoiceFilter filter) {

    public ListVoicesQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(filter, "filter");
    }

    /** From a caller's raw parameters; absent or blank ones do not filter, unknown ones are refused by name. */
    public static ListVoicesQuery fromParameters(TenantId tenantId, String language, String gender, String type) {
        return new ListVoicesQuery(tenantId, new VoiceFilter(
                ListAvatarLooksQuery.present(language),
                ListAvatarLooksQuery.present(gender).map(value -> Gender.fromLabel("gender", value)),
                ListAvatarLooksQuery.present(type).map(value -> Ownership.fromLabel("type", value))));
    }
}
