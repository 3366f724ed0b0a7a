package dev.avatarvideo.application.port.in.catalog;

import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.Voice;
import java.util.List;

/** List the voices a tenant can give a scene. */
public interface ListVoices {

    RendererAnswer<List<Voice>> list(ListVoicesQuery query);
}
