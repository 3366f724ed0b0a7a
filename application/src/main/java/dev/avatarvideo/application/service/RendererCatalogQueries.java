package dev.avatarvideo.application.service;

import dev.avatarvideo.application.port.in.catalog.ListAvatarLooks;
import dev.avatarvideo.application.port.in.catalog.ListAvatarLooksQuery;
import dev.avatarvideo.application.port.in.catalog.ListVoices;
import dev.avatarvideo.application.port.in.catalog.ListVoicesQuery;
import dev.avatarvideo.application.port.out.rendering.RendererAccounts;
import dev.avatarvideo.application.port.out.rendering.RendererCatalog;
import dev.avatarvideo.domain.AvatarLook;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.Voice;
import java.util.List;

/** The avatar looks and voices of the renderer account that acts for the asking tenant. */
public final class RendererCatalogQueries implements ListAvatarLooks, ListVoices {

    private final RendererCatalog catalog;
    private final RendererAccounts accounts;

    public RendererCatalogQueries(RendererCatalog catalog, RendererAccounts accounts) {
        this.catalog = catalog;
        this.accounts = accounts;
    }

    @Override
    public RendererAnswer<List<AvatarLook>> list(ListAvatarLooksQuery query) {
        return catalog.avatarLooks(accounts.credentialsFor(query.tenantId()), query.filter());
    }

    @Override
    public RendererAnswer<List<Voice>> list(ListVoicesQuery query) {
        return catalog.voices(accounts.credentialsFor(query.tenantId()), query.filter());
    }
}
