// One video: its status (live), the player once it is stored, the stored file's facts and what was asked for.
//
// What the <video> element gets is decided in one place (mediaOf: source, poster, captions track) and put on it in
// another (applyMedia); the facts beside it are rows (fileFacts, mediaFacts, partFacts).

import {api} from './api.js';
import {$, element, formatBytes, formatTime, videoTitle} from './dom.js';
import * as live from './live.js';
import {known, onChange, remember} from './store.js';
import {avatarName, voiceName} from './video-form.js';
import {failure, statusLine, videoActions, waitingNote} from './videos.js';

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
    player.removeAttribute('poster');
    player.querySelectorAll('track').forEach((track) => track.remove());
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
    $('video-status').replaceChildren(statusLine(video), ...waitingNote(video), ...failure(video));
    if (video.file) {
        renderFacts($('player-file'), fileFacts(video.file));
        renderFacts($('player-media'), video.media ? mediaFacts(video.media) : []);
        $('media-section').hidden = !video.media;
        const parts = partFacts(video);
        renderFacts($('player-parts'), parts);
        $('parts-section').hidden = parts.length === 0;
        $('file-section').hidden = false;
    }
}

function renderRequest(video) {
    renderFacts($('video-request'), [
        ['Id', video.id],
        ['Created', formatTime(video.createdAt)],
        ['Resolution', `${video.resolution} · ${video.aspectRatio}`],
        ['Captions', CAPTIONS[video.captions] || video.captions],
    ]);
    $('video-scenes').replaceChildren(...(video.scenes || []).map((scene) => {
        const item = element('li');
        item.append(element('div', 'meta', `${avatarName(scene.avatarId)} · ${voiceName(scene.voiceId)}`), element('p', 'script-text', scene.script));
        return item;
    }));
}

const CAPTIONS = {
    none: 'none',
    sidecar: 'a track beside the video',
    burned: 'burned into the picture',
    both: 'burned in, and a track beside the video',
};

/** What the player shows for a stored video: the file, the poster before play, the captions track when kept. */
function mediaOf(video) {
    const locale = (video.scenes || []).map((scene) => scene.voice?.locale).find(Boolean);
    return {
        src: video.file.fileUrl,
        poster: video.poster?.fileUrl,
        track: video.captionFiles ? {src: video.captionFiles.vtt.fileUrl, srclang: (locale || 'en').split('-')[0], label: 'Captions'} : null,
    };
}

function applyMedia(player, videoId, media) {
    player.querySelectorAll('track').forEach((track) => track.remove());
    if (media.poster) {
        player.poster = media.poster;
    } else {
        player.removeAttribute('poster');
    }
    player.src = media.src;
    player.dataset.videoId = videoId;
    if (media.track) {
        addTrack(player, videoId, media.track);
    }
    $('player-figure').hidden = false;
}

/**
 * A browser loads a {@code <track>} from another origin only with CORS, and asking the {@code <video>} for CORS would
 * stop the video itself playing from a bucket without it. So a track on another origin is fetched (CORS for that
 * request alone) and handed over as a local blob; the video plays either way, and a note says why captions are missing.
 */
async function addTrack(player, videoId, {src, srclang, label}) {
    const track = element('track');
    track.kind = 'captions';
    track.srclang = srclang;
    track.label = label;
    track.default = true;
    if (new URL(src, location.href).origin === location.origin) {
        track.src = src;
    } else {
        try {
            const response = await fetch(src);
            if (!response.ok) {
                throw new Error(`HTTP ${response.status}`);
            }
            track.src = URL.createObjectURL(await response.blob());
        } catch (e) {
            if (player.dataset.videoId === videoId) {
                $('player-note').textContent = 'The captions cannot be loaded here: the bucket needs CORS for this page (see docs/storage.md).';
                $('player-note').hidden = false;
            }
            return;
        }
    }
    if (player.dataset.videoId === videoId) {
        player.append(track);
        track.track.mode = 'showing';
    }
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

/** The media as a person reads it: 1:02.5, 1280 × 720, h264 / aac, 25 fps, 1.3 Mbit/s. */
function mediaFacts(media) {
    return [
        ['Duration', formatDuration(media.durationSeconds)],
        ['Size', `${media.width} × ${media.height}`],
        ['Codecs', media.audioCodec ? `${media.videoCodec} / ${media.audioCodec}` : `${media.videoCodec}, no sound`],
        ['Frame rate', `${Number(media.framesPerSecond.toFixed(2))} fps`],
        ['Bit rate', formatBitRate(media.bitsPerSecond)],
    ];
}

function formatDuration(seconds) {
    const minutes = Math.floor(seconds / 60);
    const rest = (seconds - minutes * 60).toFixed(1).padStart(4, '0');
    return `${minutes}:${rest} (${seconds} s)`;
}

function formatBitRate(bitsPerSecond) {
    return bitsPerSecond >= 1e6 ? `${(bitsPerSecond / 1e6).toFixed(1)} Mbit/s` : `${Math.round(bitsPerSecond / 1e3)} kbit/s`;
}

/** Every file kept with the video, each a download link with its size and checksum. */
function partFacts(video) {
    const rows = [];
    if (video.captionFiles) {
        rows.push(['Captions (SRT)', partLink(video.captionFiles.srt)], ['Captions (WebVTT)', partLink(video.captionFiles.vtt)]);
    }
    if (video.poster) {
        rows.push(['Poster', partLink(video.poster)]);
    }
    if (video.preview) {
        rows.push(['Preview', partLink(video.preview)]);
    }
    return rows;
}

function partLink(file) {
    const wrapper = element('span');
    const link = element('a', null, file.fileName);
    link.href = file.fileUrl;
    link.download = file.fileName;
    link.rel = 'noopener';
    wrapper.append(link, element('span', 'meta', ` ${formatBytes(file.fileSize)} · ${file.checksum}`));
    return wrapper;
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
