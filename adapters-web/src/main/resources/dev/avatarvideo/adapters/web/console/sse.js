// Server-sent events read with fetch, since EventSource cannot send an Authorization header.

import {ApiError, refusedKey, session} from './api.js';

/** Failed attempts in a row after which the service counts as out of reach rather than briefly interrupted. */
const OFFLINE_AFTER_FAILURES = 3;
const LONGEST_WAIT_MS = 15000;

/** Splits a text/event-stream into messages as the HTML standard says: fields per line, a blank line ends one. */
export class SseParser {
    constructor(onMessage) {
        this.onMessage = onMessage;
        this.buffer = '';
        this.reset();
    }

    reset() {
        this.data = [];
        this.id = null;
        this.event = 'message';
        this.retry = null;
    }

    push(chunk) {
        this.buffer += chunk;
        const lines = this.buffer.split(/\r\n|\r|\n/);
        // A lone \r at the end may be the first half of \r\n: keep it for the next chunk.
        this.buffer = lines.pop();
        if (this.buffer === '' && chunk.endsWith('\r')) {
            this.buffer = '\r';
        }
        for (const line of lines) {
            this.line(line);
        }
    }

    line(line) {
        if (line === '') {
            if (this.data.length > 0 || this.id !== null || this.retry !== null) {
                this.onMessage({id: this.id, event: this.event, data: this.data.join('\n'), retry: this.retry});
            }
            this.reset();
            return;
        }
        if (line.startsWith(':')) {
            return;
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) {
            value = value.slice(1);
        }
        if (field === 'data') {
            this.data.push(value);
        } else if (field === 'id' && !value.includes('\0')) {
            this.id = value;
        } else if (field === 'event') {
            this.event = value;
        } else if (field === 'retry' && /^\d+$/.test(value)) {
            this.retry = Number(value);
        }
    }
}

/**
 * Follows a set of videos on one connection and resumes after the last event seen when the connection breaks. Its
 * {@code state} is what the connection really does, never guessed from quiet: {@code connecting}, {@code connected}
 * (the service accepted the stream and it is open), {@code reconnecting} (it broke or was refused for a passing
 * reason; trying again), {@code offline} (several attempts in a row found no service, or the browser is offline),
 * {@code refused} (the service will not stream these videos; trying again would not help).
 */
export class StatusStream {
    constructor(videoIds, {onEvent, onState, onGone}) {
        this.videoIds = videoIds;
        this.onEvent = onEvent;
        this.onState = onState;
        this.onGone = onGone;
        this.controller = new AbortController();
        this.lastEventId = null;
        this.retryMs = 2000;
        this.failures = 0;
        this.state = 'connecting';
        this.since = new Date();
        this.error = null;
        this.nextAttemptAt = null;
        this.wakeUp = null;
        this.run();
    }

    close() {
        this.controller.abort();
        this.wake();
    }

    /** Tries again at once instead of waiting (the browser says it is back online). */
    wake() {
        if (this.wakeUp) {
            this.wakeUp();
        }
    }

    enter(state, error = null) {
        if (this.controller.signal.aborted) {
            return;
        }
        if (state !== this.state) {
            this.since = new Date();
        }
        this.state = state;
        this.error = error;
        this.onState(this);
    }

    async run() {
        const signal = this.controller.signal;
        while (!signal.aborted) {
            try {
                await this.stream(signal);
                // The service ended the stream (it is stopping, for one): as broken as a cut connection.
                throw new Error('the service closed the live status stream');
            } catch (e) {
                if (signal.aborted) {
                    return;
                }
                if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 429) {
                    this.refused(e);
                    return;
                }
                this.failures++;
                const offline = !navigator.onLine || this.failures >= OFFLINE_AFTER_FAILURES;
                const wait = offline ? Math.min(this.retryMs * 2 ** (this.failures - OFFLINE_AFTER_FAILURES + 1), LONGEST_WAIT_MS) : this.retryMs;
                this.nextAttemptAt = new Date(Date.now() + wait);
                this.enter(offline ? 'offline' : 'reconnecting', e);
                await new Promise((resolve) => {
                    const timer = setTimeout(resolve, wait);
                    this.wakeUp = () => {
                        clearTimeout(timer);
                        resolve();
                    };
                });
                this.wakeUp = null;
            }
        }
    }

    async stream(signal) {
        const headers = {'Accept': 'text/event-stream', 'Authorization': `Bearer ${session.key}`};
        if (this.lastEventId !== null) {
            headers['Last-Event-ID'] = this.lastEventId;
        }
        const response = await fetch(`/api/events?videoIds=${encodeURIComponent(this.videoIds.join(','))}`,
            {headers, signal, cache: 'no-store'});
        if (!response.ok) {
            throw new ApiError(response.status, await response.json().catch(() => null));
        }
        this.failures = 0;
        this.nextAttemptAt = null;
        this.enter('connected');
        const parser = new SseParser((message) => {
            if (message.retry !== null) {
                this.retryMs = message.retry;
            }
            if (message.id !== null) {
                this.lastEventId = message.id;
            }
            if (message.data) {
                this.onEvent(JSON.parse(message.data));
            }
        });
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
            const {value, done} = await reader.read();
            if (done) {
                return;
            }
            parser.push(value);
        }
    }

    refused(error) {
        if (error.status === 401) {
            refusedKey(error);
        } else if (error.status === 404) {
            // A followed video is gone (deleted elsewhere): whoever shows it reloads what it shows.
            this.onGone();
        }
        this.enter('refused', error);
    }
}
