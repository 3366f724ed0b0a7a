package dev.avatarvideo.application.port.in.tenant;

import dev.avatarvideo.domain.TenantId;

/** Tells whose service API key a caller presented, if it is one that opens the API. */
public interface AuthenticateApiKey {

    Authentication authenticate(String presented);

    sealed interface Authentication {

        /** A live key of this tenant. */
        record Authenticated(TenantId tenantId) implements Authentication {
        }

        /** Not a key this service issued (or not the shape of one at all). */
        record Unknown() implements Authentication {
        }

        /** A key this service issued, revoked since. */
        record Revoked() implements Authentication {
        }
    }
}
