// The list of videos: filtered by status, followed live, with play, retry and delete on each.

import {api} from './api.js';
import {$, button, confirmAction, element, formatBytes, formatTime, statusBadge, videoTitle} from './dom.js';
import * as live from './live.js';
import {IN_FLIGHT, forget, known, onChange, remember} from './store.js';

/** How far along each status is; a failed video has no progress to show. */
const STEPS = {QUEUED: 10, RENDERING: 40, INGESTING: 80, READY: 100};

const list = {order: [], nextCursor: null};
let openVideo = () => {};

export function initVideoList({onOpen}) {
    openVideo = onOpen;
    $('status-filter').addEventListener('change', () => loadVideos().catch(showListError));
    $('refresh-videos').addEventListener('click', () => loadVideos().catch(showListError));
    $('more-videos').addEventListener('click', () => loadVideos({more: true}).catch(showListError));
    onChange((video) => {
        if (video.deleted) {
            list.order = list.order.filter((id) => id !== video.id);
            renderVideoList();
            return;
        }
        const row = rowOf(video.id);
        if (row) {
            renderRow(row, video);
        }
    });
    // Elapsed times move on by themselves between events.
    setInterval(() => {
        for (const row of document.querySelectorAll('#video-list > li')) {
            const video = known(row.dataset.videoId);
            if (video && IN_FLIGHT.has(video.status)) {
                row.querySelector('.status-text').textContent = describeStatus(video);
            }
        }
    }, 1000);
}

export async function loadVideos({more = false} = {}) {
    const filter = $('status-filter').value;
    const query = new URLSearchParams({limit: '20'});
    if (filter) {
        query.set('status', filter);
    }
    if (more && list.nextCursor) {
        query.set('cursor', list.nextCursor);
    }
    const page = await api(`/api/videos?${query}`);
    if (!more) {
        list.order = [];
    }
    page.items.forEach((video) => {
        remember(video);
        if (!list.order.includes(video.id)) {
            list.order.push(video.id);
        }
    });
    list.nextCursor = page.nextCursor || null;
    $('list-error').hidden = true;
    renderVideoList();
}

/** A video just requested goes on top, whatever the filter: hiding what someone just made would only confuse. */
export function addCreated(video) {
    remember(video);
    list.order = [video.id, ...list.order.filter((id) => id !== video.id)];
    renderVideoList();
}

export function resetVideoList() {
    list.order = [];
    list.nextCursor = null;
    $('status-filter').value = '';
    $('video-list').replaceChildren();
}

function showListError(e) {
    $('list-error').textContent = e.message;
    $('list-error').hidden = false;
}

function rowOf(id) {
    return document.querySelector(`#video-list > li[data-video-id="${CSS.escape(id)}"]`);
}

function renderVideoList() {
    const rows = list.order.map((id) => {
        const row = rowOf(id) || element('li', 'video');
        row.dataset.videoId = id;
        renderRow(row, known(id));
        return row;
    });
    $('video-list').replaceChildren(...rows);
    const filtered = $('status-filter').value !== '';
    $('videos-empty').textContent = filtered ? 'No videos with this status.' : 'No videos yet: create one with the form.';
    $('videos-empty').hidden = list.order.length > 0;
    $('more-videos').hidden = !list.nextCursor;
    live.follow('list', list.order);
}

function renderRow(row, video) {
    row.dataset.status = video.status;
    const problem = row.querySelector('.row-problem') || element('p', 'row-problem error');
    if (!problem.isConnected) {
        problem.setAttribute('role', 'alert');
        problem.hidden = true;
    }
    const head = element('div', 'video-head');
    const title = element('a', 'title', videoTitle(video));
    title.href = `#video/${encodeURIComponent(video.id)}`;
    head.append(title, videoActions(video, problem, {}));
    const scenes = Array.isArray(video.scenes) ? video.scenes.length : null;
    const meta = element('div', 'meta', [
        video.createdAt ? `created ${formatTime(video.createdAt)}` : null,
        video.resolution, video.aspectRatio, scenes === null ? null : `${scenes} scene${scenes === 1 ? '' : 's'}`,
    ].filter(Boolean).join(' · '));
    const id = element('code', 'video-id', video.id);
    meta.append(' · ', id);
    row.replaceChildren(head, meta, statusLine(video), ...failure(video), problem);
}

/** Badge, progress while there is progress to show, and what is happening in words. */
export function statusLine(video) {
    const line = element('div', 'status-line');
    line.append(statusBadge(video.status));
    if (video.status in STEPS) {
        const progress = element('progress');
        progress.max = 100;
        progress.value = STEPS[video.status];
        progress.setAttribute('aria-label', `Progress: ${video.status}`);
        line.append(progress);
    }
    line.append(element('span', 'status-text', describeStatus(video)));
    return line;
}

/** A failed video says why, in HeyGen's or the service's words. */
export function failure(video) {
    if (video.status !== 'FAILED') {
        return [];
    }
    const box = element('div', 'video-error');
    box.append(element('strong', 'error-code', video.error?.code || 'failed'),
        element('span', 'error-message', video.error?.message || 'The service gave no reason.'));
    return [box];
}

export function describeStatus(video) {
    const since = elapsed(video.statusSince || video.updatedAt || video.createdAt);
    switch (video.status) {
        case 'QUEUED':
            return `waiting for a free renderer slot, ${since}`;
        case 'RENDERING':
            return `HeyGen is rendering, ${since} so far`;
        case 'INGESTING':
            return video.temporaryFile ? 'copying into storage failed; trying again' : 'copying the finished video into storage';
        case 'READY':
            return video.file ? `stored, ${formatBytes(video.file.fileSize)}` : 'stored';
        case 'FAILED':
            return `failed ${formatTime(video.statusSince || video.updatedAt)}; retry to render it again`;
        default:
            return video.status;
    }
}

function elapsed(since) {
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(since)) / 1000));
    return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/**
 * Play, retry and delete, as the video's status allows. A refusal of the service (say, 409 because a topic shows the
 * video) is written into {@code problem}, next to the buttons.
 */
export function videoActions(video, problem, {afterDelete = () => {}, withPlay = true}) {
    const actions = element('div', 'row-actions');
    if (video.status === 'READY' && withPlay) {
        actions.append(button('Play', 'play', () => openVideo(video.id, {play: true})));
    }
    if (video.status === 'FAILED') {
        actions.append(button('Retry', 'retry', (event) => retry(video, problem, event.currentTarget)));
    }
    actions.append(button('Delete', 'delete danger', (event) => remove(video, problem, event.currentTarget, afterDelete)));
    return actions;
}

async function retry(video, problem, control) {
    problem.hidden = true;
    control.disabled = true;
    try {
        remember(await api(`/api/videos/${encodeURIComponent(video.id)}/retry`, {method: 'POST'}));
    } catch (e) {
        say(problem, 'Not retried', e);
        control.disabled = false;
    }
}

async function remove(video, problem, control, afterDelete) {
    problem.hidden = true;
    const sure = await confirmAction({
        title: 'Delete this video?',
        message: `“${videoTitle(video)}” and its stored file will be deleted for good. A video still rendering is no longer followed`
            + ' (HeyGen finishes it and the credit is spent either way).',
        confirmLabel: 'Delete video',
    });
    if (!sure) {
        return;
    }
    control.disabled = true;
    try {
        await api(`/api/videos/${encodeURIComponent(video.id)}`, {method: 'DELETE'});
        forget(video.id);
        afterDelete();
    } catch (e) {
        say(problem, 'Not deleted', e);
        control.disabled = false;
    }
}

function say(problem, outcome, error) {
    problem.textContent = `${outcome}. ${error.message}`;
    problem.hidden = false;
}
