package dev.avatarvideo.domain;

import java.util.Objects;

/**
 * Whose keys an idempotency key is among: each tenant's keys are its own (two tenants may well pick the same one), and
 * the operator's admin calls have a scope of their own.
 */
public record IdempotencyScope(String value) {

    private static final IdempotencyScope OPERATOR = new IdempotencyScope("operator");

    public IdempotencyScope {
        Objects.requireNonNull(value, "value");
    }

    public static IdempotencyScope of(TenantId tenant) {
        return new IdempotencyScope("tenant:" + tenant.value());
    }

    public static IdempotencyScope operator() {
        return OPERATOR;
    }
}
