package dev.avatarvideo.application.fakes;

import dev.avatarvideo.application.contract.RendererCatalogContract;
import dev.avatarvideo.application.port.out.rendering.RendererCatalog;
import dev.avatarvideo.domain.AvatarType;
import dev.avatarvideo.domain.Ownership;
import dev.avatarvideo.domain.RendererCredentials;

class InMemoryRendererCatalogTest extends RendererCatalogContract {

    private static final RendererCredentials KEY = new RendererCredentials("in-memory-key");

    private final InMemoryRendererCatalog catalog = new InMemoryRendererCatalog().accept(KEY)
            .addLook(InMemoryRendererCatalog.look("studio", AvatarType.STUDIO_AVATAR), Ownership.PUBLIC)
            .addLook(InMemoryRendererCatalog.look("twin", AvatarType.DIGITAL_TWIN), Ownership.PRIVATE)
            .addLook(InMemoryRendererCatalog.look("photo", AvatarType.PHOTO_AVATAR), Ownership.PRIVATE)
            .addVoice(InMemoryRendererCatalog.voice("emma", "English", "female", Ownership.PUBLIC))
            .addVoice(InMemoryRendererCatalog.voice("liam", "English", "male", Ownership.PUBLIC))
            .addVoice(InMemoryRendererCatalog.voice("clone", "English", "female", Ownership.PRIVATE));
    private int generated;

    @Override
    protected RendererCatalog catalog() {
        return catalog;
    }

    @Override
    protected RendererCredentials acceptedCredentials() {
        return KEY;
    }

    @Override
    protected void addLooks(int count) {
        for (int i = 0; i < count; i++) {
            catalog.addLook(InMemoryRendererCatalog.look("generated-" + generated++, AvatarType.STUDIO_AVATAR), Ownership.PUBLIC);
        }
    }
}
