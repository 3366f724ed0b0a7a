package dev.avatarvideo.adapters.persistence;

import dev.avatarvideo.domain.StorageKey;
import dev.avatarvideo.domain.StoredFile;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/** Rows of {@code stored_files}, the metadata of every object a record owns, shared by the repositories. */
final class StoredFileRows {

    /** The columns {@link #read} expects, for a join on {@code stored_files f}. */
    static final String COLUMNS = "f.file_url, f.file_name, f.file_size, f.file_type, f.checksum, f.provider, f.uploaded_at";

    private static final String INSERT = """
            INSERT INTO stored_files (storage_path, tenant_id, file_url, file_name, file_size, file_type, checksum, provider, uploaded_at)
            VALUES (:storagePath, :tenantId, :fileUrl, :fileName, :fileSize, :fileType, :checksum, :provider, :uploadedAt)
            ON CONFLICT (storage_path) DO NOTHING""";

    private StoredFileRows() {
    }

    /** Records a file; recording the same file again changes nothing. */
    static void insert(Handle handle, StoredFile file) {
        bind(handle.createUpdate(INSERT), file).execute();
    }

    /** Records files in one round trip; recording a file again changes nothing. */
    static void insertAll(Handle handle, Collection<StoredFile> files) {
        if (files.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(INSERT);
        files.forEach(file -> bind(batch, file).add());
        batch.execute();
    }

    private static <S extends SqlStatement<S>> S bind(S statement, StoredFile file) {
        return statement
                .bind("storagePath", file.storagePath().value())
                .bind("tenantId", file.storagePath().tenant().value())
                .bind("fileUrl", file.fileUrl().toString())
                .bind("fileName", file.fileName())
                .bind("fileSize", file.fileSize())
                .bind("fileType", file.fileType())
                .bind("checksum", file.checksum())
                .bind("provider", file.provider())
                .bind("uploadedAt", file.uploadedAt().atOffset(ZoneOffset.UTC));
    }

    static void delete(Handle handle, Collection<String> storagePaths) {
        if (storagePaths.isEmpty()) {
            return;
        }
        handle.createUpdate("DELETE FROM stored_files WHERE storage_path = ANY(:paths)")
                .bindArray("paths", String.class, storagePaths)
                .execute();
    }

    /** The file in the current row, whose {@link #COLUMNS} were selected. */
    static StoredFile read(ResultSet rs, String storagePath) throws SQLException {
        return read(rs, "", storagePath);
    }

    /** The columns {@link #read(ResultSet, String, String)} expects, for a join on {@code stored_files <alias>}. */
    static String columns(String alias, String prefix) {
        return Stream.of("file_url", "file_name", "file_size", "file_type", "checksum", "provider", "uploaded_at")
                .map(column -> alias + "." + column + " AS " + prefix + column)
                .collect(Collectors.joining(", "));
    }

    /** The file in the current row, whose {@link #columns} were selected with {@code prefix}. */
    static StoredFile read(ResultSet rs, String prefix, String storagePath) throws SQLException {
        return new StoredFile(
                URI.create(rs.getString(prefix + "file_url")),
                rs.getString(prefix + "file_name"),
                rs.getLong(prefix + "file_size"),
                rs.getString(prefix + "file_type"),
                new StorageKey(storagePath),
                rs.getObject(prefix + "uploaded_at", OffsetDateTime.class).toInstant(),
                rs.getString(prefix + "checksum"),
                rs.getString(prefix + "provider"));
    }
}
