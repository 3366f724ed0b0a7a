package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.FileAccessSignerContract;
import dev.avatarvideo.application.port.out.storage.FileAccessSigner;

class FakeFileAccessSignerTest extends FileAccessSignerContract {

    private final FakeFileAccessSigner signer = new FakeFileAccessSigner();

    @Override
    protected FileAccessSigner signer() {
        return signer;
    }
}
