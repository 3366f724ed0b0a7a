package dev.avatarvideo.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.avatarvideo.application.port.in.video.ListAvatarVideosQuery;
import dev.avatarvideo.application.port.out.storage.FileStorage;
import dev.avatarvideo.domain.AvatarVideo;
import dev.avatarvideo.domain.StoredFile;
import dev.avatarvideo.domain.StoredObject;
import dev.avatarvideo.domain.TenantId;
import java.net.URI;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AvatarVideoQueriesTest {

    @Test
    void readsIssueAFreshFileAddressEveryTime() {
        ServiceTestKit kit = new ServiceTestKit();
        kit.renderer.serveVideo(new byte[10], OptionalLong.of(10));
        AvatarVideo video = kit.request("x");
        kit.submitter.submitQueued();
        kit.renderer.completeRender(video.id());
        kit.untilFirstCheck();
        kit.tracker.trackOnce();
        kit.ingester.ingestPending();
        StoredFile stored = kit.reload(video.id()).file();
        FileStorage storage = kit.storage;

        AvatarVideo read = new AvatarVideoQueries(kit.videos, new FileStorageWithUrl(storage, URI.create("https://fresh.example/signed"))).get(ServiceTestKit.TENANT, video.id()).orElseThrow();

        assertThat(stored.fileUrl()).isNotEqualTo(URI.create("https://fresh.example/signed"));
        assertThat(read.file().fileUrl()).isEqualTo(URI.create("https://fresh.example/signed"));
        assertThat(read.file().checksum()).isEqualTo(stored.checksum());
    }

    @Test
    void anotherTenantSeesNothing() {
        ServiceTestKit kit = new ServiceTestKit();
        AvatarVideo video = kit.request("private");

        assertThat(kit.queries.get(TenantId.of("intruder"), video.id())).isEmpty();
        assertThat(kit.queries.list(ListAvatarVideosQuery.firstPage(TenantId.of("intruder"))).videos()).isEmpty();
        assertThat(kit.queries.list(ListAvatarVideosQuery.firstPage(ServiceTestKit.TENANT)).videos()).extracting(AvatarVideo::id).containsExactly(video.id());
    }

    private record FileStorageWithUrl(FileStorage delegate, URI url) implements FileStorage {
        @Override
        public String providerName() {
            return delegate.providerName();
        }

        @Override
        public StoredFile store(dev.avatarvideo.domain.StorageKey key, FileUpload upload) {
            return delegate.store(key, upload);
        }

        @Override
        public java.util.Optional<StoredObject> open(dev.avatarvideo.domain.StorageKey key, dev.avatarvideo.domain.ByteRange range) {
            return delegate.open(key, range);
        }

        @Override
        public boolean exists(dev.avatarvideo.domain.StorageKey key) {
            return delegate.exists(key);
        }

        @Override
        public void delete(dev.avatarvideo.domain.StorageKey key) {
            delegate.delete(key);
        }

        @Override
        public long deleteAll(TenantId tenant) {
            return delegate.deleteAll(tenant);
        }

        @Override
        public URI accessUrl(dev.avatarvideo.domain.StorageKey key, UrlOptions options) {
            return url;
        }
    }
}
