// Keeps the videos on screen live and tells the truth about the connection in the header's badge.
//
// Every video a screen shows is followed, finished ones too: a failed video retried elsewhere, or a ready one deleted,
// should change here as well, and an open stream is what lets the badge say "connected" from fact rather than hope.

import {StatusStream} from './sse.js';
import {$} from './dom.js';
import {IN_FLIGHT, applyEvent, known} from './store.js';

/** The service takes up to 100 videos per stream; two streams leave the browser's other connections for API calls. */
const VIDEOS_PER_STREAM = 100;
const MOST_STREAMS = 2;
const STATE_RANK = ['connected', 'connecting', 'reconnecting', 'offline', 'refused'];
const LABELS = {connected: 'connected', connecting: 'connecting…', reconnecting: 'reconnecting…', offline: 'offline', refused: 'live updates refused'};

const wanted = new Map();
let streams = [];
let followedKey = '';
let reachable = {ok: true, at: new Date(), error: null};
let whenGone = () => {};

/** What to do when the service no longer knows a followed video (deleted elsewhere). */
export function onGone(handler) {
    whenGone = handler;
}

/** The videos one screen shows ({@code owner}: 'list', 'topic', 'detail'); the union of all screens is followed. */
export function follow(owner, ids) {
    wanted.set(owner, [...ids]);
    refollow();
}

export function stop() {
    wanted.clear();
    streams.forEach((stream) => stream.close());
    streams = [];
    followedKey = '';
}

/** Every answer of the API says whether the service can be reached; that is what the badge shows with no stream open. */
export function noteReachability(ok, error) {
    reachable = {ok, at: new Date(), error: ok ? null : error};
    render();
}

function refollow() {
    const ids = [...new Set([...wanted.values()].flat())];
    // Over the limit, the videos still on their way matter most.
    const inFlight = (id) => IN_FLIGHT.has(known(id)?.status);
    const chosen = [...ids.filter(inFlight), ...ids.filter((id) => !inFlight(id))].slice(0, VIDEOS_PER_STREAM * MOST_STREAMS);
    const key = [...chosen].sort().join(',');
    if (key === followedKey) {
        return;
    }
    followedKey = key;
    streams.forEach((stream) => stream.close());
    streams = [];
    for (let i = 0; i < chosen.length; i += VIDEOS_PER_STREAM) {
        streams.push(new StatusStream(chosen.slice(i, i + VIDEOS_PER_STREAM), {onEvent: applyEvent, onState: render, onGone: () => whenGone()}));
    }
    render();
}

function render() {
    const badge = $('connection');
    const {state, detail} = summary();
    badge.dataset.state = state;
    badge.textContent = LABELS[state];
    badge.title = detail;
}

function summary() {
    if (streams.length === 0) {
        return reachable.ok
            ? {state: 'connected', detail: `Nothing to follow live; the service last answered at ${time(reachable.at)}.`}
            : {state: 'offline', detail: `The service did not answer at ${time(reachable.at)}: ${reachable.error.message}`};
    }
    const worst = streams.reduce((a, b) => (STATE_RANK.indexOf(b.state) > STATE_RANK.indexOf(a.state) ? b : a));
    const count = `${streams.length} live connection${streams.length === 1 ? '' : 's'}`;
    switch (worst.state) {
        case 'connected':
            return {state: 'connected', detail: `${count} open since ${time(worst.since)}, following ${followedKey.split(',').length} videos.`};
        case 'connecting':
            return {state: 'connecting', detail: `Opening ${count}…`};
        case 'refused':
            return {state: 'refused', detail: `The service refused the live status stream: ${worst.error.message}`};
        default:
            return {
                state: worst.state,
                detail: `Connection lost at ${time(worst.since)}: ${worst.error?.message || 'no answer'}; attempt ${worst.failures + 1}`
                    + ` at ${time(worst.nextAttemptAt)}.`,
            };
    }
}

function time(date) {
    return date ? date.toLocaleTimeString() : '';
}

window.addEventListener('online', () => streams.forEach((stream) => stream.wake()));
