package dev.avatarvideo.adapters.heygen;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.avatarvideo.application.port.out.rendering.RendererCatalog;
import dev.avatarvideo.domain.AvatarLook;
import dev.avatarvideo.domain.AvatarLookFilter;
import dev.avatarvideo.domain.RendererAnswer;
import dev.avatarvideo.domain.RendererCredentials;
import dev.avatarvideo.domain.Voice;
import dev.avatarvideo.domain.VoiceFilter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RendererCatalog} that remembers listings per API key and filter (Caffeine). Only the first listing waits on
 * the renderer: once an entry is older than {@code refreshAfter} the next read still answers it at once and reloads it
 * in the background. Failures are never cached; a background reload that fails keeps the listing it had, unless the
 * renderer refused the key, which drops it (and the next read asks again). A listing nobody reads is forgotten
 * {@code expireAfter} after it was last loaded. Asked for a current listing, it asks the renderer and remembers the
 * answer, unless the one it has was loaded less than {@link #CURRENT_ENOUGH} ago: a burst of requests naming unknown
 * ids costs one listing, not one each.
 */
public final class CachingRendererCatalog implements RendererCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(CachingRendererCatalog.class);
    /** Listings change rarely; HeyGen answers them slowly. */
    public static final Duration DEFAULT_REFRESH_AFTER = Duration.ofMinutes(10);
    public static final Duration DEFAULT_EXPIRE_AFTER = Duration.ofHours(24);
    static final Duration CURRENT_ENOUGH = Duration.ofSeconds(30);
    private static final long MAX_ENTRIES = 10_000;

    /** The cache key: credentials compare by key, but print (and so log) only their fingerprint. */
    private record Key<F>(RendererCredentials credentials, F filter) {

        @Override
        public String toString() {
            return "key " + credentials.fingerprint() + ", " + filter;
        }
    }

    /** A listing the renderer did not give; carried out of the loader so it is answered and never cached. */
    private static final class NotListed extends RuntimeException {

        private final transient RendererAnswer<?> answer;

        NotListed(RendererAnswer<?> answer) {
            super("the renderer did not list: " + answer, null, false, false);
            this.answer = answer;
        }
    }

    private final RendererCatalog renderer;
    private final LoadingCache<Key<AvatarLookFilter>, List<AvatarLook>> looks;
    private final LoadingCache<Key<VoiceFilter>, List<Voice>> voices;

    public CachingRendererCatalog(RendererCatalog renderer, Duration refreshAfter, Duration expireAfter, Executor refreshes) {
        this(renderer, refreshAfter, expireAfter, refreshes, Ticker.systemTicker());
    }

    CachingRendererCatalog(RendererCatalog renderer, Duration refreshAfter, Duration expireAfter, Executor refreshes, Ticker ticker) {
        Objects.requireNonNull(renderer, "renderer");
        if (expireAfter.compareTo(refreshAfter) <= 0) {
            throw new IllegalArgumentException("expireAfter must be longer than refreshAfter, or reads would wait on the renderer");
        }
        this.renderer = renderer;
        this.looks = cache(refreshAfter, expireAfter, refreshes, ticker, renderer::avatarLooks);
        this.voices = cache(refreshAfter, expireAfter, refreshes, ticker, renderer::voices);
    }

    @Override
    public RendererAnswer<List<AvatarLook>> avatarLooks(RendererCredentials credentials, AvatarLookFilter filter) {
        return read(looks, new Key<>(credentials, filter));
    }

    @Override
    public RendererAnswer<List<Voice>> voices(RendererCredentials credentials, VoiceFilter filter) {
        return read(voices, new Key<>(credentials, filter));
    }

    @Override
    public RendererAnswer<List<AvatarLook>> currentAvatarLooks(RendererCredentials credentials, AvatarLookFilter filter) {
        return current(looks, new Key<>(credentials, filter), renderer::avatarLooks);
    }

    @Override
    public RendererAnswer<List<Voice>> currentVoices(RendererCredentials credentials, VoiceFilter filter) {
        return current(voices, new Key<>(credentials, filter), renderer::voices);
    }

    /** Asks the renderer unless the remembered listing is only seconds old; a listing that came is remembered. */
    private static <F, T> RendererAnswer<List<T>> current(LoadingCache<Key<F>, List<T>> cache, Key<F> key,
                                                         BiFunction<RendererCredentials, F, RendererAnswer<List<T>>> list) {
        boolean currentEnough = cache.policy().refreshAfterWrite().flatMap(refresh -> refresh.ageOf(key))
                .map(age -> age.compareTo(CURRENT_ENOUGH) < 0).orElse(false);
        if (currentEnough) {
            return read(cache, key);
        }
        RendererAnswer<List<T>> answer = list.apply(key.credentials(), key.filter());
        if (answer instanceof RendererAnswer.Answered<List<T>> answered) {
            cache.put(key, answered.value());
        }
        return answer;
    }

    @SuppressWarnings("unchecked")
    private static <F, T> RendererAnswer<List<T>> read(LoadingCache<Key<F>, List<T>> cache, Key<F> key) {
        try {
            return new RendererAnswer.Answered<>(cache.get(key));
        } catch (NotListed notListed) {
            return (RendererAnswer<List<T>>) notListed.answer;
        }
    }

    private static <F, T> LoadingCache<Key<F>, List<T>> cache(Duration refreshAfter, Duration expireAfter, Executor refreshes,
                                                               Ticker ticker, BiFunction<RendererCredentials, F, RendererAnswer<List<T>>> list) {
        CacheLoader<Key<F>, List<T>> loader = new CacheLoader<>() {
            @Override
            public List<T> load(Key<F> key) {
                RendererAnswer<List<T>> answer = list.apply(key.credentials(), key.filter());
                return answer.answered().orElseThrow(() -> new NotListed(answer));
            }

            @Override
            public List<T> reload(Key<F> key, List<T> current) {
                RendererAnswer<List<T>> answer = list.apply(key.credentials(), key.filter());
                if (answer instanceof RendererAnswer.Answered<List<T>> answered) {
                    return answered.value();
                }
                if (answer instanceof RendererAnswer.KeyRejected) {
                    LOG.warn("the renderer refused {} while refreshing a listing; the listing is dropped", key);
                    return null;
                }
                LOG.info("refreshing a listing ({}) failed: {}; keeping the one we have", key, answer);
                return current;
            }
        };
        return Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .refreshAfterWrite(refreshAfter)
                .expireAfterWrite(expireAfter)
                .executor(refreshes)
                .ticker(ticker)
                .build(loader);
    }
}
