package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.application.port.out.tenant.Tenants;
import dev.avatarvideo.domain.Tenant;
import dev.avatarvideo.domain.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link Tenants} in {@code tenants}. */
final class JdbiTenants implements Tenants {

    private final Jdbi jdbi;

    JdbiTenants(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean add(Tenant tenant) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        INSERT INTO tenants (id, name, created_at) VALUES (:id, :name, :createdAt) ON CONFLICT (id) DO NOTHING""")
                .bind("id", tenant.id().value())
                .bind("name", tenant.name())
                .bind("createdAt", JdbiVideos.utc(tenant.createdAt()))
                .execute() == 1);
    }

    @Override
    public Optional<Tenant> find(TenantId id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM tenants WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> tenant(rs))
                .findOne());
    }

    @Override
    public List<Tenant> list() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM tenants ORDER BY created_at, id").map((rs, ctx) -> tenant(rs)).list());
    }

    @Override
    public boolean isEmpty() {
        return jdbi.withHandle(handle -> !handle.createQuery("SELECT EXISTS (SELECT 1 FROM tenants)").mapTo(Boolean.class).one());
    }

    private static Tenant tenant(ResultSet rs) throws SQLException {
        return new Tenant(new TenantId(rs.getString("id")), rs.getString("name"), JdbiVideos.instant(rs, "created_at"));
    }
}
