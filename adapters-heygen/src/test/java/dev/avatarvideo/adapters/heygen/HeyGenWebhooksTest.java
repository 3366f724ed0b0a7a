package dev.avatarvideo.adapters.heygen;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import dev.avatarvideo.application.contract.RendererWebhooksContract;
import dev.avatarvideo.application.port.out.rendering.RendererWebhooks;
import dev.avatarvideo.domain.RegisteredWebhook;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.WebhookEndpoint;
import dev.avatarvideo.domain.WebhookEvent;
import dev.avatarvideo.domain.WebhookSecret;
import dev.avatarvideo.heygen.simulator.HeyGenSimulator;
import dev.avatarvideo.heygen.simulator.SimulatorFaults;
import dev.avatarvideo.heygen.simulator.SimulatorSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The webhook endpoints' contract on the HeyGen adapter against the simulator, which probes every URL it is given, and
 * what only HeyGen's side shows: retries, a wrong key, and secrets kept out of the log.
 */
class HeyGenWebhooksTest extends RendererWebhooksContract {

    // The receiver is plain HTTP on loopback; HeyGen itself would want https.
    private final HeyGenSimulator simulator = HeyGenSimulator.start(SimulatorSettings.defaults().withHttpWebhookUrlsAllowed());
    private final HeyGenWebhooks webhooks = new HeyGenWebhooks(Fixtures.settings(simulator));
    private final RendererCredentials credentials = new RendererCredentials(simulator.apiKey());
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private HttpServer receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/refuses") ? 405 : 204, -1);
            }
        });
        receiver.start();
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
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
        return url(path);
    }

    @Override
    protected URI unreachable() {
        return url("/refuses");
    }

    @Test
    void aRefusedAddressSaysHeyGensProbeFailed() {
        RendererAnswer<RegisteredWebhook> answer = webhooks.register(credentials, unreachable(), Set.of(WebhookEvent.VIDEO_RENDERED));

        assertThat(answer).isInstanceOfSatisfying(RendererAnswer.Refused.class, refused -> assertThat(refused.message()).contains("OPTIONS"));
    }

    @Test
    void changesAreSentOnceEvenWhenHeyGenFailsButListingsAreRetried() {
        simulator.useFaults(SimulatorFaults.none().withServerErrors(1.0));

        RendererAnswer<RegisteredWebhook> register = webhooks.register(credentials, url("/hooks"), Set.of(WebhookEvent.VIDEO_RENDERED));
        RendererAnswer<List<WebhookEndpoint>> list = webhooks.list(credentials);

        assertThat(register).isInstanceOf(RendererAnswer.Unavailable.class);
        assertThat(list).isInstanceOf(RendererAnswer.Unavailable.class);
        assertThat(Fixtures.requestsTo(simulator, "POST", "/v3/webhooks/endpoints")).as("a create is never repeated").isEqualTo(1);
        assertThat(Fixtures.requestsTo(simulator, "GET", "/v3/webhooks/endpoints")).isEqualTo(Fixtures.QUICK_RETRIES.maxAttempts());
    }

    @Test
    void aWrongKeyIsRejected() {
        RendererCredentials wrong = new RendererCredentials("wrong-key");

        assertThat(webhooks.list(wrong)).isInstanceOf(RendererAnswer.KeyRejected.class);
        assertThat(webhooks.register(wrong, url("/hooks"), Set.of(WebhookEvent.VIDEO_RENDERED))).isInstanceOf(RendererAnswer.KeyRejected.class);
    }

    @Test
    void secretsAndKeysNeverReachTheLog() {
        RegisteredWebhook registered = answered(webhooks.register(credentials, url("/hooks"), Set.of(WebhookEvent.VIDEO_RENDERED)));
        WebhookSecret rotated = answered(webhooks.rotateSecret(credentials, registered.endpoint().id()));
        webhooks.delete(credentials, registered.endpoint().id());

        assertThat(logs.list).isNotEmpty();
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(line -> line.contains(registered.secret().value())
                || line.contains(rotated.value()) || line.contains(simulator.apiKey()));
        assertThat(registered.toString()).doesNotContain(registered.secret().value());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + path);
    }

    private static <T> T answered(RendererAnswer<T> answer) {
        assertThat(answer).isInstanceOf(RendererAnswer.Answered.class);
        return answer.answered().orElseThrow();
    }
}
