package dev.avatarvideo.adapters.heygen;

import com.sun.net.httpserver.HttpServer;
import dev.avatarvideo.application.contract.RendererWebhooksContract;
import dev.avatarvideo.application.port.out.rendering.RendererWebhooks;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The webhook endpoints' contract on the HeyGen adapter against the simulator, which probes each address it is given. */
class HeyGenWebhooksContractTest extends RendererWebhooksContract {

    // The receiver is plain HTTP on loopback; HeyGen itself would want https.
    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withHttpWebhookUrlsAllowed());
    private final HeyGenWebhooks webhooks = new HeyGenWebhooks(Fixtures.settings(simulator));
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/refuses") ? 405 : 204, -1);
            }
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        simulator.close();
    }

    @Override
    protected RendererWebhooks webhooks() {
        return webhooks;
    }

    @Override
    protected RendererCredentials newAccount() {
        String key = "sim-key-" + UUID.randomUUID();
        simulator.acceptApiKey(key, "user-" + key);
        return new RendererCredentials(key);
    }

    @Override
    protected URI reachable(String path) {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + path);
    }

    @Override
    protected URI unreachable() {
        return reachable("/refuses");
    }
}
