package dev.avatarvideo.application.port.in.tenant;

import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.Tenant;
import dev.avatarvideo.domain.TenantId;

/** A tenant to create, with the name of its first API key. */
public record CreateTenantCommand(TenantId id, String name, String keyName) {

    public CreateTenantCommand {
        if (id == null) {
            throw new InvalidInputException("id", "id is required: 1-63 lowercase letters, digits or '-'");
        }
        if (name != null && name.strip().length() > Tenant.MAX_NAME_LENGTH) {
            throw new InvalidInputException("name", "name must be at most " + Tenant.MAX_NAME_LENGTH + " characters");
        }
    }

    /** From a caller's raw fields; the id must have the shape of a tenant id. */
    public static CreateTenantCommand fromFields(String id, String name, String keyName) {
        if (id == null || id.isBlank()) {
            throw new InvalidInputException("id", "id is required: 1-63 lowercase letters, digits or '-'");
        }
        try {
            return new CreateTenantCommand(TenantId.of(id), name, keyName);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("id", "id must be 1-63 lowercase letters, digits or '-', starting with a letter or digit");
        }
    }
}
