// The avatar-video-service console: plain JavaScript speaking the public HTTP API with the signed-in API key.
// Every value from the API is written with textContent, never as HTML.
'use strict';

const KEY_STORAGE = 'avatar-video-service.apiKey';
const MAX_SCENES = 50;
const MAX_VIDEOS_PER_STREAM = 100;
const STEPS = {QUEUED: 10, RENDERING: 40, INGESTING: 80, READY: 100, FAILED: 100};
const IN_FLIGHT = new Set(['QUEUED', 'RENDERING', 'INGESTING']);

const $ = (id) => document.getElementById(id);

/** A refusal from the API, read from its RFC 9457 problem document when it sent one. */
class ApiError extends Error {
    constructor(status, body) {
        const problem = body && typeof body === 'object' ? body : {};
        const title = problem.title || `The service answered ${status}`;
        const detail = problem.detail || (typeof body === 'string' && body.trim() ? body.trim().slice(0, 300) : '');
        super(detail ? `${title}: ${detail}` : title);
        this.status = status;
        this.field = problem.field || null;
        this.type = problem.type || null;
    }
}

const session = {
    get key() {
        return sessionStorage.getItem(KEY_STORAGE);
    },
    set key(value) {
        if (value) {
            sessionStorage.setItem(KEY_STORAGE, value);
        } else {
            sessionStorage.removeItem(KEY_STORAGE);
        }
    },
};

async function api(path, {method = 'GET', body, signal} = {}) {
    const headers = {'Accept': 'application/json', 'Authorization': `Bearer ${session.key}`};
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
        response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, cache: 'no-store'});
    } catch (e) {
        if (e.name === 'AbortError') {
            throw e;
        }
        throw new ApiError(0, {title: 'The service cannot be reached', detail: e.message});
    }
    if (response.status === 204) {
        return null;
    }
    const type = response.headers.get('Content-Type') || '';
    const answer = type.includes('json') ? await response.json().catch(() => null) : await response.text();
    if (!response.ok) {
        if (response.status === 401 || response.status === 403) {
            onUnauthorized(new ApiError(response.status, answer));
        }
        throw new ApiError(response.status, answer);
    }
    return answer;
}

// ---- Server-sent events read with fetch, since EventSource cannot send an Authorization header

/** Splits a text/event-stream into messages as the HTML standard says: fields per line, a blank line ends one. */
class SseParser {
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

/** Follows a set of videos on one connection, resuming after the last event seen when the connection breaks. */
class StatusStream {
    constructor(videoIds, onEvent, onState) {
        this.videoIds = videoIds;
        this.onEvent = onEvent;
        this.onState = onState;
        this.controller = new AbortController();
        this.lastEventId = null;
        this.retryMs = 2000;
        this.run();
    }

    close() {
        this.controller.abort();
    }

    async run() {
        const signal = this.controller.signal;
        while (!signal.aborted) {
            try {
                const headers = {'Accept': 'text/event-stream', 'Authorization': `Bearer ${session.key}`};
                if (this.lastEventId !== null) {
                    headers['Last-Event-ID'] = this.lastEventId;
                }
                const response = await fetch(`/api/events?videoIds=${encodeURIComponent(this.videoIds.join(','))}`,
                    {headers, signal, cache: 'no-store'});
                if (!response.ok) {
                    const problem = await response.json().catch(() => null);
                    const error = new ApiError(response.status, problem);
                    if (response.status >= 400 && response.status < 500 && response.status !== 429) {
                        this.onState('failed', error);
                        return;
                    }
                    throw error;
                }
                this.onState('live');
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
                        break;
                    }
                    parser.push(value);
                }
            } catch (e) {
                if (signal.aborted) {
                    return;
                }
            }
            this.onState('reconnecting');
            await new Promise((resolve) => setTimeout(resolve, this.retryMs));
        }
    }
}

// ---- Videos

const videos = {
    byId: new Map(),
    order: [],
    nextCursor: null,
    streams: [],
    followed: '',
};

function statusSince(video) {
    return video.statusSince || video.updatedAt || video.createdAt;
}

function elapsed(since) {
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(since)) / 1000));
    return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

function describeStatus(video) {
    switch (video.status) {
        case 'QUEUED':
            return `waiting for a free renderer slot, ${elapsed(statusSince(video))}`;
        case 'RENDERING':
            return `HeyGen is rendering, ${elapsed(statusSince(video))} so far`;
        case 'INGESTING':
            return video.temporaryFile ? 'copying into storage failed; trying again' : 'copying the finished video into storage';
        case 'READY':
            return video.file ? `stored, ${formatBytes(video.file.fileSize)}` : 'stored';
        case 'FAILED':
            return 'failed';
        default:
            return video.status;
    }
}

function formatBytes(bytes) {
    if (typeof bytes !== 'number') {
        return '';
    }
    const units = ['bytes', 'KB', 'MB', 'GB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
        node.className = className;
    }
    if (text !== undefined && text !== null) {
        node.textContent = text;
    }
    return node;
}

function renderVideo(video) {
    let item = document.querySelector(`#video-list > li[data-video-id="${CSS.escape(video.id)}"]`);
    if (!item) {
        item = element('li', 'video');
        item.dataset.videoId = video.id;
    }
    item.dataset.status = video.status;
    item.replaceChildren();

    item.append(element('div', 'title', video.title || `Video ${video.id.slice(0, 8)}`));
    const actions = element('div', 'actions-cell');
    if (video.status === 'READY') {
        const play = element('button', 'play', 'Play');
        play.type = 'button';
        play.addEventListener('click', () => playVideo(video.id));
        actions.append(play);
    }
    item.append(actions);
    const scenes = Array.isArray(video.scenes) ? video.scenes.length : null;
    item.append(element('div', 'meta', [
        video.createdAt ? `created ${new Date(video.createdAt).toLocaleString()}` : null,
        video.resolution, video.aspectRatio, scenes === null ? null : `${scenes} scene${scenes === 1 ? '' : 's'}`,
        video.id,
    ].filter(Boolean).join(' · ')));

    const line = element('div', 'status-line');
    line.append(element('span', `badge ${video.status}`, video.status));
    const progress = element('progress');
    progress.max = 100;
    progress.value = STEPS[video.status] || 0;
    progress.setAttribute('aria-label', `Progress: ${video.status}`);
    line.append(progress);
    line.append(element('span', 'status-text', describeStatus(video)));
    item.append(line);
    if (video.status === 'FAILED' && video.error) {
        item.append(element('div', 'video-error', `${video.error.code}: ${video.error.message}`));
    }
    return item;
}

function renderVideoList() {
    const list = $('video-list');
    list.replaceChildren(...videos.order.map((id) => renderVideo(videos.byId.get(id))));
    $('videos-empty').hidden = videos.order.length > 0;
    $('more-videos').hidden = !videos.nextCursor;
}

function remember(video, {first = false} = {}) {
    const known = videos.byId.get(video.id);
    if (known && known.status !== video.status) {
        video.statusSince = video.updatedAt;
    }
    videos.byId.set(video.id, {...known, ...video});
    if (!videos.order.includes(video.id)) {
        if (first) {
            videos.order.unshift(video.id);
        } else {
            videos.order.push(video.id);
        }
    }
}

async function loadVideos({more = false} = {}) {
    const cursor = more && videos.nextCursor ? `&cursor=${encodeURIComponent(videos.nextCursor)}` : '';
    const page = await api(`/api/videos?limit=20${cursor}`);
    if (!more) {
        videos.byId.clear();
        videos.order = [];
    }
    page.items.forEach((video) => remember(video));
    videos.nextCursor = page.nextCursor || null;
    renderVideoList();
    followInFlight();
}

/** One event from the live stream: the video's new status, and its file or error when it has one. */
function onVideoEvent(event) {
    const video = videos.byId.get(event.videoId);
    if (!video) {
        return;
    }
    const changed = video.status !== event.status;
    video.status = event.status;
    if (changed || !video.statusSince) {
        video.statusSince = event.occurredAt;
    }
    video.updatedAt = event.occurredAt;
    if (event.file) {
        video.file = event.file;
        delete video.temporaryFile;
    }
    if (event.error) {
        video.error = event.error;
    }
    const item = renderVideo(video);
    if (!item.isConnected) {
        renderVideoList();
    }
    if (!IN_FLIGHT.has(video.status)) {
        followInFlight();
    }
}

function setStreamState(state, error) {
    const badge = $('stream-state');
    badge.className = `stream-state ${state}`;
    badge.textContent = {
        live: 'live', idle: 'nothing in progress', reconnecting: 'reconnecting…', failed: 'live updates stopped', offline: 'offline',
    }[state] || state;
    if (state === 'failed' && error) {
        if (error.status === 404) {
            // A followed video is gone (deleted elsewhere): start again from the list as it is now.
            loadVideos().catch(showAppError);
            return;
        }
        showAppError(error);
    }
}

/** Keeps one live connection per hundred videos still on their way; finished ones need no following. */
function followInFlight() {
    const ids = videos.order.filter((id) => IN_FLIGHT.has(videos.byId.get(id).status));
    const key = ids.join(',');
    if (key === videos.followed) {
        return;
    }
    videos.followed = key;
    videos.streams.forEach((stream) => stream.close());
    videos.streams = [];
    if (ids.length === 0) {
        setStreamState('idle');
        return;
    }
    for (let i = 0; i < ids.length; i += MAX_VIDEOS_PER_STREAM) {
        videos.streams.push(new StatusStream(ids.slice(i, i + MAX_VIDEOS_PER_STREAM), onVideoEvent, setStreamState));
    }
}

function stopFollowing() {
    videos.streams.forEach((stream) => stream.close());
    videos.streams = [];
    videos.followed = '';
    setStreamState('offline');
}

// ---- Playing a stored video

async function playVideo(id, title) {
    let video;
    try {
        // Fetched again for an address issued now: addresses into private storage expire.
        video = await api(`/api/videos/${encodeURIComponent(id)}`);
    } catch (e) {
        showAppError(e);
        return;
    }
    if (!video.file) {
        showAppError(new Error(`Video ${id} has no stored file (it is ${video.status}).`));
        return;
    }
    const panel = $('player-panel');
    const player = $('player');
    const note = $('player-note');
    $('player-title').textContent = title || video.title || `Video ${video.id.slice(0, 8)}`;
    note.hidden = true;
    player.src = video.file.fileUrl;
    player.dataset.videoId = video.id;
    showFileFacts(video.file);
    panel.hidden = false;
    panel.scrollIntoView({behavior: 'smooth', block: 'start'});
    try {
        await player.play();
    } catch (e) {
        if (e.name === 'NotAllowedError') {
            // The browser allows sound only after a gesture it counts: start muted; the controls unmute.
            player.muted = true;
            note.textContent = 'Playing muted, as this browser blocked sound; unmute with the player controls.';
            note.hidden = false;
            await player.play().catch((again) => showPlayerError(again));
        } else {
            showPlayerError(e);
        }
    }
}

function showPlayerError(e) {
    const note = $('player-note');
    const player = $('player');
    const reason = player.error ? `media error ${player.error.code}${player.error.message ? `: ${player.error.message}` : ''}` : e.message;
    note.textContent = `The video cannot be played here (${reason}). Download it with the link below.`;
    note.hidden = false;
}

function showFileFacts(file) {
    const facts = $('player-file');
    facts.replaceChildren();
    const link = element('a', null, file.fileName);
    link.href = file.fileUrl;
    link.download = file.fileName;
    link.rel = 'noopener';
    const rows = [
        ['File', link],
        ['Size', `${formatBytes(file.fileSize)} (${file.fileSize} bytes)`],
        ['Type', file.fileType],
        ['Stored', `${file.provider} · ${file.storagePath}`],
        ['Uploaded', file.uploadedAt ? new Date(file.uploadedAt).toLocaleString() : ''],
        ['Checksum', file.checksum],
    ];
    for (const [name, value] of rows) {
        const dd = element('dd');
        if (value instanceof Node) {
            dd.append(value);
        } else {
            dd.textContent = value || '';
        }
        facts.append(element('dt', null, name), dd);
    }
}

// ---- Creating a video

const catalog = {avatars: [], voices: []};

async function loadCatalog() {
    const state = $('catalog-state');
    state.textContent = 'Loading avatars and voices…';
    state.hidden = false;
    try {
        const [avatars, voices] = await Promise.all([api('/api/avatars'), api('/api/voices')]);
        catalog.avatars = avatars.items;
        catalog.voices = voices.items;
        state.hidden = true;
        document.querySelectorAll('#scenes .scene').forEach(fillSceneChoices);
        $('create-video').disabled = false;
    } catch (e) {
        state.textContent = `${e.message} `;
        const retry = element('button', null, 'Try again');
        retry.type = 'button';
        retry.addEventListener('click', () => loadCatalog());
        state.append(retry);
        $('create-video').disabled = true;
    }
}

function option(value, label) {
    const node = element('option', null, label);
    node.value = value;
    return node;
}

function fillSceneChoices(scene) {
    const avatar = scene.querySelector('.avatar');
    const voice = scene.querySelector('.voice');
    const chosenAvatar = avatar.value;
    const chosenVoice = voice.value;
    avatar.replaceChildren(option('', 'Choose an avatar'),
        ...catalog.avatars.map((a) => option(a.id, `${a.name} (${a.avatarType.replace('_', ' ')})`)));
    voice.replaceChildren(option('', 'Choose a voice'),
        ...catalog.voices.map((v) => option(v.id, [v.name, v.language, v.gender].filter(Boolean).join(' · '))));
    avatar.value = chosenAvatar;
    voice.value = chosenVoice;
}

function addScene() {
    const scenes = $('scenes');
    if (scenes.children.length >= MAX_SCENES) {
        return;
    }
    const scene = $('scene-template').content.firstElementChild.cloneNode(true);
    const avatar = scene.querySelector('.avatar');
    const voice = scene.querySelector('.voice');
    avatar.addEventListener('change', () => {
        // An avatar's own voice is the natural choice until someone picks another.
        const look = catalog.avatars.find((a) => a.id === avatar.value);
        if (look && look.defaultVoiceId && !voice.dataset.chosen && catalog.voices.some((v) => v.id === look.defaultVoiceId)) {
            voice.value = look.defaultVoiceId;
        }
    });
    voice.addEventListener('change', () => {
        voice.dataset.chosen = 'yes';
    });
    scene.querySelector('.remove-scene').addEventListener('click', () => {
        scene.remove();
        numberScenes();
    });
    fillSceneChoices(scene);
    scenes.append(scene);
    numberScenes();
}

/** Scene controls carry the request's field names, so a problem naming scenes[1].script marks the right box. */
function numberScenes() {
    const scenes = [...document.querySelectorAll('#scenes .scene')];
    scenes.forEach((scene, i) => {
        scene.querySelector('.scene-number').textContent = String(i + 1);
        for (const [selector, field] of [['.avatar', 'avatarId'], ['.voice', 'voiceId'], ['.script', 'script']]) {
            const control = scene.querySelector(selector);
            control.dataset.field = `scenes[${i}].${field}`;
            control.id = `scene-${i}-${field}`;
            control.previousElementSibling.htmlFor = control.id;
        }
        scene.querySelector('.remove-scene').hidden = scenes.length === 1;
    });
    $('add-scene').disabled = scenes.length >= MAX_SCENES;
}

function clearFieldErrors(form) {
    form.querySelectorAll('[aria-invalid="true"]').forEach((control) => control.removeAttribute('aria-invalid'));
}

function markField(form, field) {
    if (!field) {
        return;
    }
    const control = [...form.querySelectorAll('[data-field]')].find((c) => c.dataset.field === field)
        || [...form.querySelectorAll('[data-field]')].find((c) => field.startsWith(c.dataset.field));
    if (control) {
        control.setAttribute('aria-invalid', 'true');
        control.focus();
    }
}

async function createVideo(event) {
    event.preventDefault();
    const form = $('create-form');
    const error = $('create-error');
    error.hidden = true;
    clearFieldErrors(form);
    const request = {
        resolution: $('resolution').value,
        aspectRatio: $('aspect-ratio').value,
        captions: $('captions').checked,
        scenes: [...document.querySelectorAll('#scenes .scene')].map((scene) => ({
            avatarId: scene.querySelector('.avatar').value,
            voiceId: scene.querySelector('.voice').value,
            script: scene.querySelector('.script').value,
        })),
    };
    const title = $('title').value.trim();
    if (title) {
        request.title = title;
    }
    const button = $('create-video');
    button.disabled = true;
    try {
        const video = await api('/api/videos', {method: 'POST', body: request});
        video.statusSince = video.createdAt;
        remember(video, {first: true});
        renderVideoList();
        followInFlight();
        document.querySelectorAll('#scenes .script').forEach((script) => {
            script.value = '';
        });
        $('title').value = '';
    } catch (e) {
        error.textContent = e.field ? `${e.message}\n(field: ${e.field})` : e.message;
        error.hidden = false;
        markField(form, e.field);
    } finally {
        button.disabled = false;
    }
}

// ---- Topics

const topics = {nextCursor: null, loaded: false};

async function loadTopics({more = false} = {}) {
    const cursor = more && topics.nextCursor ? `&cursor=${encodeURIComponent(topics.nextCursor)}` : '';
    const page = await api(`/api/topics?limit=20${cursor}`);
    const list = $('topic-list');
    if (!more) {
        list.replaceChildren();
    }
    for (const topic of page.items) {
        const item = element('li');
        const button = element('button', null, null);
        button.type = 'button';
        button.dataset.topicId = topic.id;
        button.append(element('strong', null, topic.title), document.createTextNode(` · ${topic.language} · ${topic.status}`));
        button.addEventListener('click', () => showTopic(topic.id));
        item.append(button);
        list.append(item);
    }
    topics.nextCursor = page.nextCursor || null;
    topics.loaded = true;
    $('topics-empty').hidden = list.children.length > 0;
    $('more-topics').hidden = !topics.nextCursor;
}

async function showTopic(id) {
    document.querySelectorAll('#topic-list button').forEach((b) => b.setAttribute('aria-current', String(b.dataset.topicId === id)));
    const detail = $('topic-detail');
    let topic;
    try {
        topic = await api(`/api/topics/${encodeURIComponent(id)}`);
    } catch (e) {
        detail.replaceChildren(element('p', 'error', e.message));
        return;
    }
    const head = element('div', 'panel-head');
    head.append(element('h2', null, topic.title), element('span', `badge ${topic.status === 'READY' ? 'READY' : topic.status === 'VIDEO_FAILED' ? 'FAILED' : 'RENDERING'}`, topic.status));
    const nodes = [head, element('p', 'note', `Language ${topic.language} · updated ${new Date(topic.updatedAt).toLocaleString()} · ${topic.contents.length} contents`)];
    for (const content of topic.contents) {
        const block = element('div', 'topic-content');
        if (content.type === 'text') {
            block.append(element('div', 'kind', 'Text'), element('p', null, content.text));
        } else if (content.type === 'avatarVideo') {
            const video = content.video || {id: content.videoId, status: 'unknown'};
            block.append(element('div', 'kind', 'Avatar video'));
            const line = element('p');
            line.append(element('span', `badge ${video.status}`, video.status), document.createTextNode(` ${video.title || video.id}`));
            if (video.status === 'READY') {
                const play = element('button', 'play', 'Play');
                play.type = 'button';
                play.addEventListener('click', () => playVideo(video.id, video.title));
                line.append(document.createTextNode(' '), play);
            } else if (video.status === 'FAILED' && video.error) {
                line.append(element('span', 'error', ` ${video.error.code}: ${video.error.message}`));
            }
            block.append(line);
        } else if (content.type === 'file' && content.file) {
            const link = element('a', null, content.file.fileName);
            link.href = content.file.fileUrl;
            link.rel = 'noopener';
            const line = element('p');
            line.append(link, document.createTextNode(` · ${content.file.fileType} · ${formatBytes(content.file.fileSize)}`));
            block.append(element('div', 'kind', 'File'), line);
        } else {
            block.append(element('div', 'kind', content.type));
        }
        nodes.push(block);
    }
    detail.replaceChildren(...nodes);
}

// ---- Screens

function showAppError(e) {
    const banner = $('app-error');
    banner.textContent = e.message;
    banner.hidden = false;
}

function onUnauthorized(error) {
    if (!$('app').hidden) {
        signOut();
        const message = $('sign-in-error');
        message.textContent = `${error.message}\nSign in again with a valid key.`;
        message.hidden = false;
    }
}

function selectTab(name) {
    document.querySelectorAll('.tab').forEach((tab) => tab.setAttribute('aria-selected', String(tab.dataset.tab === name)));
    $('videos-view').hidden = name !== 'videos';
    $('topics-view').hidden = name !== 'topics';
    if (name === 'topics' && !topics.loaded) {
        loadTopics().catch(showAppError);
    }
}

async function signIn(key) {
    session.key = key;
    const message = $('sign-in-error');
    message.hidden = true;
    try {
        // Any API call checks the key; the first page of videos is needed anyway.
        await loadVideos();
    } catch (e) {
        session.key = null;
        message.textContent = e.status === 401 || e.status === 403 ? `This key is not accepted. ${e.message}` : e.message;
        message.hidden = false;
        return;
    }
    $('sign-in').hidden = true;
    $('app').hidden = false;
    $('tabs').hidden = false;
    $('session').hidden = false;
    if ($('scenes').children.length === 0) {
        addScene();
    }
    loadCatalog();
}

function signOut() {
    session.key = null;
    stopFollowing();
    $('player').removeAttribute('src');
    $('player-panel').hidden = true;
    $('app').hidden = true;
    $('tabs').hidden = true;
    $('session').hidden = true;
    $('sign-in').hidden = false;
    $('api-key').value = '';
    topics.loaded = false;
}

document.addEventListener('DOMContentLoaded', () => {
    $('sign-in-form').addEventListener('submit', (event) => {
        event.preventDefault();
        const key = $('api-key').value.trim();
        if (key) {
            signIn(key);
        }
    });
    $('sign-out').addEventListener('click', signOut);
    $('create-form').addEventListener('submit', createVideo);
    $('add-scene').addEventListener('click', addScene);
    $('refresh-videos').addEventListener('click', () => loadVideos().catch(showAppError));
    $('more-videos').addEventListener('click', () => loadVideos({more: true}).catch(showAppError));
    $('refresh-topics').addEventListener('click', () => loadTopics().catch(showAppError));
    $('more-topics').addEventListener('click', () => loadTopics({more: true}).catch(showAppError));
    $('player-close').addEventListener('click', () => {
        $('player').pause();
        $('player-panel').hidden = true;
    });
    $('player').addEventListener('error', () => showPlayerError(new Error('the player reported an error')));
    document.querySelectorAll('.tab').forEach((tab) => tab.addEventListener('click', () => selectTab(tab.dataset.tab)));
    // Elapsed times move on by themselves between events.
    setInterval(() => {
        document.querySelectorAll('#video-list > li').forEach((item) => {
            const video = videos.byId.get(item.dataset.videoId);
            if (video && IN_FLIGHT.has(video.status)) {
                const text = item.querySelector('.status-text');
                if (text) {
                    text.textContent = describeStatus(video);
                }
            }
        });
    }, 1000);
    if (session.key) {
        signIn(session.key);
    }
});
