package dev.avatarvideo.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class TestS3Test {

    @Test
    void s3ProxyIsARealS3ServerWithSeparateBuckets() {
        TestS3.Server server = TestS3.s3Proxy();
        String first = server.freshBucket();
        String second = server.freshBucket();

        try (S3Client client = server.client()) {
            client.putObject(b -> b.bucket(first).key("a/b.txt").contentType("text/plain"), RequestBody.fromString("hello"));

            assertThat(client.getObjectAsBytes(b -> b.bucket(first).key("a/b.txt")).asUtf8String()).isEqualTo("hello");
            assertThat(client.listObjectsV2(b -> b.bucket(second)).contents()).isEmpty();
        }
        assertThat(TestS3.s3Proxy()).isSameAs(server);
        assertThat(server.toString()).doesNotContain(server.secretKey());
    }

    @Test
    void theDefaultServerIsTheFirstAvailable() {
        TestS3.Server chosen = TestS3.server();

        if (TestS3.configured().isPresent()) {
            assertThat(chosen).isEqualTo(TestS3.configured().get());
        } else if (TestS3.minio().isPresent()) {
            assertThat(chosen).isEqualTo(TestS3.minio().get());
        } else {
            assertThat(chosen).isEqualTo(TestS3.s3Proxy());
        }
    }
}
