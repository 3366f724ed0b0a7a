// The videos this page knows, whichever screen fetched them. Every screen that shows a video redraws it from here
// when the live stream (or an answer of the API) changes it, so a status is never shown in two versions.

export const IN_FLIGHT = new Set(['QUEUED', 'RENDERING', 'INGESTING']);

const LESSON_PARTS = ['media', 'captionFiles', 'poster', 'preview'];
const videos = new Map();
const listeners = new Set();

export function known(id) {
    return videos.get(id);
}

/** The video as the API answered it; what the live stream already said about it is kept unless the answer is newer. */
export function remember(video) {
    const before = videos.get(video.id);
    const merged = {...before, ...video};
    if (!before || before.status !== video.status || !merged.statusSince) {
        merged.statusSince = video.updatedAt || video.createdAt;
    }
    if (merged.status !== 'FAILED') {
        delete merged.error;
    }
    if (!video.waiting) {
        delete merged.waiting;
    }
    videos.set(video.id, merged);
    changed(merged);
    return merged;
}

/** One event of the live stream: the video's new status, with its file once READY and its error once FAILED. */
export function applyEvent(event) {
    const video = videos.get(event.videoId);
    if (!video) {
        return;
    }
    // A fresh stream opens with every video's current state: most of it is known already and needs no redrawing
    // (which would also take the focus from a button someone is about to press).
    const news = video.status !== event.status || !!video.file !== !!event.file || video.error?.code !== event.error?.code;
    if (video.status !== event.status) {
        video.statusSince = event.occurredAt;
        // What a video waited for belongs to the status it waited in.
        delete video.waiting;
    }
    video.status = event.status;
    video.updatedAt = event.occurredAt;
    if (event.file) {
        video.file = event.file;
        delete video.temporaryFile;
        // A READY event carries the whole lesson as the video resource shows it.
        for (const part of LESSON_PARTS) {
            if (event[part]) {
                video[part] = event[part];
            } else {
                delete video[part];
            }
        }
    }
    if (event.status === 'FAILED') {
        video.error = event.error;
    } else {
        delete video.error;
    }
    if (news) {
        changed(video);
    }
}

export function forget(id) {
    const video = videos.get(id);
    if (video) {
        videos.delete(id);
        changed({...video, deleted: true});
    }
}

export function onChange(listener) {
    listeners.add(listener);
}

export function clear() {
    videos.clear();
}

function changed(video) {
    listeners.forEach((listener) => listener(video));
}
