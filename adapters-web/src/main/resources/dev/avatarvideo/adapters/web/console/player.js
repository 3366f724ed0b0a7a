// One video: its status (live), the player once it is stored, the stored file's facts and what was asked for.
//
// What the <video> element gets is decided in one place (mediaOf) and put on it in another (applyMedia); the facts
// beside it are rows (fileFacts). A poster, a captions track or facts about the media itself belong there.

import {api} from './api.js';
import {$, element, formatBytes, formatTime, videoTitle} from './dom.js';
import * as live from './live.js';
import {known, onChange, remember} from './store.js';
import {avatarName, voiceName} from './video-form.js';
import {failure, statusLine, videoActions} from './videos.js';

let shownId = null;
let backTo = '#videos';

export function initVideoView() {
    onChange((video) => {
        if (video.id !== shownId) {
            return;
        }
        if (video.deleted) {
            location.hash = backTo;
            return;
        }
        renderStatus(video);
        if (video.file && $('player').dataset.videoId !== video.id) {
            applyMedia($('player'), video.id, mediaOf(video));
        }
    });
    $('player').addEventListener('error', () => explainPlayerError(new Error('the player reported an error')));
}

/** Shows a video; {@code from} is the screen to go back to, {@code play} starts it at once. */
export async function showVideo(id, {play = false, from = '#videos'} = {}) {
    leaveVideo();
    shownId = id;
    backTo = from;
    $('video-back').href = from;
    $('video-back').textContent = from.startsWith('#topic') ? '← Back to the topic' : '← All videos';
    $('video-title').textContent = known(id) ? videoTitle(known(id)) : 'Video';
    $('video-problem').hidden = true;
    let video;
    try {
        // Fetched again for an address issued now: addresses into private storage expire.
        video = remember(await api(`/api/videos/${encodeURIComponent(id)}`));
    } catch (e) {
        $('video-problem').textContent = e.message;
        $('video-problem').hidden = false;
        return;
    }
    if (shownId !== id) {
        return;
    }
    live.follow('detail', [id]);
    renderStatus(video);
    renderRequest(video);
    if (video.file) {
        applyMedia($('player'), video.id, mediaOf(video));
        if (play) {
            await start();
        }
    }
}

export function leaveVideo() {
    shownId = null;
    const player = $('player');
    player.pause();
    player.removeAttribute('src');
    delete player.dataset.videoId;
    player.load();
    $('player-figure').hidden = true;
    $('player-note').hidden = true;
    $('file-section').hidden = true;
    live.follow('detail', []);
}

function renderStatus(video) {
    $('video-title').textContent = videoTitle(video);
    const problem = $('video-problem');
    // No play button here: the player beside it has its own controls.
    const actions = videoActions(video, problem, {withPlay: false, afterDelete: () => {
        location.hash = backTo;
    }});
    actions.id = 'video-actions';
    $('video-actions').replaceWith(actions);
    $('video-status').replaceChildren(statusLine(video), ...failure(video));
    if (video.file) {
        renderFacts($('player-file'), fileFacts(video.file));
        $('file-section').hidden = false;
    }
}

function renderRequest(video) {
    renderFacts($('video-request'), [
        ['Id', video.id],
        ['Created', formatTime(video.createdAt)],
        ['Resolution', `${video.resolution} · ${video.aspectRatio}`],
        ['Captions', video.captions ? 'burnt in' : 'none'],
    ]);
    $('video-scenes').replaceChildren(...(video.scenes || []).map((scene) => {
        const item = element('li');
        item.append(element('div', 'meta', `${avatarName(scene.avatarId)} · ${voiceName(scene.voiceId)}`), element('p', 'script-text', scene.script));
        return item;
    }));
}

/** What the player shows for a stored video. */
function mediaOf(video) {
    return {src: video.file.fileUrl};
}

function applyMedia(player, videoId, media) {
    player.src = media.src;
    player.dataset.videoId = videoId;
    $('player-figure').hidden = false;
}

async function start() {
    const player = $('player');
    const note = $('player-note');
    note.hidden = true;
    $('player-figure').scrollIntoView({behavior: 'smooth', block: 'start'});
    try {
        await player.play();
    } catch (e) {
        if (e.name === 'NotAllowedError') {
            // The browser allows sound only after a gesture it counts: start muted; the controls unmute.
            player.muted = true;
            note.textContent = 'Playing muted, as this browser blocked sound; unmute with the player controls.';
            note.hidden = false;
            await player.play().catch((again) => explainPlayerError(again));
        } else if (e.name !== 'AbortError') {
            explainPlayerError(e);
        }
    }
}

function explainPlayerError(e) {
    const player = $('player');
    if (!player.getAttribute('src')) {
        return;
    }
    const reason = player.error ? `media error ${player.error.code}${player.error.message ? `: ${player.error.message}` : ''}` : e.message;
    $('player-note').textContent = `The video cannot be played here (${reason}). Download it with the link below.`;
    $('player-note').hidden = false;
}

function fileFacts(file) {
    const link = element('a', null, file.fileName);
    link.href = file.fileUrl;
    link.download = file.fileName;
    link.rel = 'noopener';
    return [
        ['File', link],
        ['Size', `${formatBytes(file.fileSize)} (${file.fileSize} bytes)`],
        ['Type', file.fileType],
        ['Stored', `${file.provider} · ${file.storagePath}`],
        ['Uploaded', formatTime(file.uploadedAt)],
        ['Checksum', file.checksum],
    ];
}

function renderFacts(list, rows) {
    list.replaceChildren();
    for (const [name, value] of rows) {
        const dd = element('dd');
        if (value instanceof Node) {
            dd.append(value);
        } else {
            dd.textContent = value || '';
        }
        list.append(element('dt', null, name), dd);
    }
}
