// The avatar-video-service console: plain JavaScript modules speaking the public HTTP API with the signed-in key.
// Screens are addressed by the URL's fragment (#videos, #video/<id>, #topics, #topics/new, #topic/<id>,
// #topic/<id>/edit), so the browser's back button and a reload keep one's place.

import {listen, session} from './api.js';
import {$} from './dom.js';
import * as live from './live.js';
import {clear} from './store.js';
import {initVideoView, leaveVideo, showVideo} from './player.js';
import {editTopic, initTopics, leaveTopic, loadTopics, resetTopics, showTopic, topicsLoaded} from './topics.js';
import {initVideoForm, loadCatalog, resetVideoForm} from './video-form.js';
import {addCreated, initVideoList, loadVideos, resetVideoList} from './videos.js';

let playOnArrival = null;
let previousScreen = '#videos';

function openVideo(id, {play = false} = {}) {
    playOnArrival = play ? id : null;
    const target = `#video/${encodeURIComponent(id)}`;
    if (location.hash === target) {
        route();
    } else {
        location.hash = target;
    }
}

function route() {
    if ($('app').hidden) {
        return;
    }
    const [screen = '', id, action] = location.hash.slice(1).split('/').map(decodeURIComponent);
    const onTopics = screen === 'topics' || screen === 'topic';
    const onVideo = screen === 'video' && !!id;
    document.querySelectorAll('.tab').forEach((tab) => tab.setAttribute('aria-current', String(tab.dataset.tab === (onTopics ? 'topics' : 'videos'))));
    $('videos-view').hidden = onTopics || onVideo;
    $('video-view').hidden = !onVideo;
    $('topics-view').hidden = !onTopics;
    if (onVideo) {
        showVideo(id, {play: playOnArrival === id, from: previousScreen});
        playOnArrival = null;
    } else {
        leaveVideo();
        previousScreen = location.hash || '#videos';
    }
    if (!onTopics) {
        leaveTopic();
        return;
    }
    if (!topicsLoaded()) {
        loadTopics().catch(showAppError);
    }
    if (screen === 'topics' && id === 'new') {
        editTopic(null);
    } else if (screen === 'topic' && id && action === 'edit') {
        editTopic(id);
    } else if (screen === 'topic' && id) {
        showTopic(id);
    } else {
        leaveTopic();
    }
}

function showAppError(e) {
    $('app-error').textContent = e.message;
    $('app-error-box').hidden = false;
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
        message.textContent = e.status === 401 ? `This key is not accepted. ${e.message}` : e.message;
        message.hidden = false;
        return;
    }
    $('sign-in').hidden = true;
    $('app').hidden = false;
    $('tabs').hidden = false;
    $('session').hidden = false;
    if ($('scenes').children.length === 0) {
        resetVideoForm();
    }
    loadCatalog();
    route();
}

function signOut() {
    session.key = null;
    live.stop();
    leaveVideo();
    resetVideoList();
    resetTopics();
    clear();
    $('app').hidden = true;
    $('tabs').hidden = true;
    $('session').hidden = true;
    $('sign-in').hidden = false;
    $('api-key').value = '';
}

listen({
    unauthorized: (error) => {
        if (!$('app').hidden) {
            signOut();
            $('sign-in-error').textContent = `${error.message}\nSign in again with a valid key.`;
            $('sign-in-error').hidden = false;
        }
    },
    reachability: live.noteReachability,
});

live.onGone(() => {
    // A video on screen was deleted elsewhere: show what exists now.
    loadVideos().catch(showAppError);
    route();
});

initVideoForm({onCreated: addCreated});
initVideoList({onOpen: openVideo});
initVideoView();
initTopics({onOpenVideo: openVideo});

$('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('api-key').value.trim();
    if (key) {
        signIn(key);
    }
});
$('sign-out').addEventListener('click', signOut);
$('app-error-close').addEventListener('click', () => {
    $('app-error-box').hidden = true;
});
window.addEventListener('hashchange', route);
if (session.key) {
    signIn(session.key);
}
