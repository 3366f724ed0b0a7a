// Topics: the list, one topic's contents (its videos followed live), and the editor that creates and changes them,
// with file uploads and a picker of the tenant's ready videos.

import {api} from './api.js';
import {
    $, button, clearProblems, confirmAction, countCharacters, element, firstOverLimit, formatBytes, formatCount, formatTime, shortId,
    showProblem, statusBadge, videoTitle,
} from './dom.js';
import * as live from './live.js';
import {known, onChange, remember} from './store.js';
import {failure, statusLine} from './videos.js';

/** TopicContent.Text.MAX_LENGTH in the domain. */
const MAX_TEXT_LENGTH = 50000;
const KINDS = {text: 'Text', avatarVideo: 'Avatar video', file: 'File'};

const topics = {nextCursor: null, loaded: false};
let shownTopic = null;
let editing = null;
let openVideo = () => {};

export function initTopics({onOpenVideo}) {
    openVideo = onOpenVideo;
    $('refresh-topics').addEventListener('click', () => loadTopics().catch(showTopicsError));
    $('more-topics').addEventListener('click', () => loadTopics({more: true}).catch(showTopicsError));
    $('topic-form').addEventListener('submit', saveTopic);
    $('add-text').addEventListener('click', () => focusItem(addContent({type: 'text', text: ''})));
    $('add-file').addEventListener('click', () => focusItem(addContent({type: 'file'})));
    $('add-video').addEventListener('click', () => pickVideo((video) => focusItem(addContent({type: 'avatarVideo', videoId: video.id}))));
    $('video-picker-close').addEventListener('click', () => $('video-picker').close());
    $('video-picker-more').addEventListener('click', () => loadPickerPage({more: true}));
    $('video-picker-search').addEventListener('input', filterPicker);
    onChange((video) => {
        if (!shownTopic) {
            return;
        }
        document.querySelectorAll(`#topic-view .topic-video[data-video-id="${CSS.escape(video.id)}"]`)
            .forEach((item) => renderTopicVideo(item, video.id));
        renderReadiness();
    });
}

export function topicsLoaded() {
    return topics.loaded;
}

export function resetTopics() {
    topics.loaded = false;
    topics.nextCursor = null;
    $('topic-list').replaceChildren();
    leaveTopic();
}

function showTopicsError(e) {
    $('topics-error').textContent = e.message;
    $('topics-error').hidden = false;
}

// ---- The list

export async function loadTopics({more = false} = {}) {
    const query = new URLSearchParams({limit: '20'});
    if (more && topics.nextCursor) {
        query.set('cursor', topics.nextCursor);
    }
    const page = await api(`/api/topics?${query}`);
    const list = $('topic-list');
    if (!more) {
        list.replaceChildren();
    }
    for (const topic of page.items) {
        const link = element('a', 'topic-link');
        link.href = `#topic/${encodeURIComponent(topic.id)}`;
        link.dataset.topicId = topic.id;
        const meta = element('span', 'meta', `${topic.language} · ${topic.contents.length} content${topic.contents.length === 1 ? '' : 's'}`
            + ` · updated ${formatTime(topic.updatedAt)}`);
        link.append(element('span', 'topic-title', topic.title), meta, readinessBadge(topic.status));
        const item = element('li');
        item.append(link);
        list.append(item);
    }
    topics.nextCursor = page.nextCursor || null;
    topics.loaded = true;
    $('topics-error').hidden = true;
    $('topics-empty').hidden = list.children.length > 0;
    $('more-topics').hidden = !topics.nextCursor;
    markCurrent();
}

function markCurrent() {
    const current = shownTopic?.id || editing?.id;
    document.querySelectorAll('#topic-list .topic-link').forEach((link) => link.setAttribute('aria-current', String(link.dataset.topicId === current)));
}

function readinessBadge(readiness) {
    const badge = statusBadge(readiness);
    badge.className = `badge ${{READY: 'READY', VIDEO_FAILED: 'FAILED'}[readiness] || 'RENDERING'}`;
    badge.textContent = {READY: 'ready', WAITING_FOR_VIDEOS: 'waiting for videos', VIDEO_FAILED: 'a video failed'}[readiness] || readiness;
    return badge;
}

// ---- One topic

function showPanel(which) {
    $('topic-placeholder').hidden = which !== 'placeholder';
    $('topic-view').hidden = which !== 'view';
    $('topic-form').hidden = which !== 'form';
}

export function leaveTopic() {
    shownTopic = null;
    editing = null;
    live.follow('topic', []);
    showPanel('placeholder');
    markCurrent();
}

export async function showTopic(id) {
    editing = null;
    shownTopic = {id, contents: []};
    markCurrent();
    let topic;
    try {
        topic = await api(`/api/topics/${encodeURIComponent(id)}`);
    } catch (e) {
        $('topic-view').replaceChildren(element('p', 'error', e.message));
        showPanel('view');
        return;
    }
    if (shownTopic?.id !== id) {
        return;
    }
    shownTopic = topic;
    topic.contents.filter((c) => c.video).forEach((c) => remember(c.video));
    renderTopic(topic);
    showPanel('view');
    live.follow('topic', videoIdsOf(topic));
}

function videoIdsOf(topic) {
    return topic.contents.filter((c) => c.type === 'avatarVideo').map((c) => c.videoId);
}

function renderTopic(topic) {
    const head = element('div', 'panel-head');
    const title = element('h2', 'topic-heading', topic.title);
    const problem = element('p', 'error');
    problem.setAttribute('role', 'alert');
    problem.hidden = true;
    const actions = element('div', 'row-actions');
    const edit = element('a', 'button-link edit-topic', 'Edit');
    edit.href = `#topic/${encodeURIComponent(topic.id)}/edit`;
    actions.append(edit, button('Delete', 'delete danger', () => deleteTopic(topic, problem)));
    head.append(title, actions);
    const readiness = element('div', 'topic-readiness');
    readiness.id = 'topic-readiness';
    const meta = element('p', 'note', `Language ${topic.language} · ${topic.contents.length} content${topic.contents.length === 1 ? '' : 's'}`
        + ` · updated ${formatTime(topic.updatedAt)}`);
    const contents = element('ol', 'topic-contents');
    topic.contents.forEach((content) => contents.append(renderContent(content)));
    if (topic.contents.length === 0) {
        contents.append(element('li', 'note', 'This topic has no contents yet. Edit it to add text, videos and files.'));
    }
    $('topic-view').replaceChildren(head, readiness, meta, problem, contents);
    renderReadiness();
}

function renderContent(content) {
    const block = element('li', 'topic-content');
    block.dataset.type = content.type;
    block.append(element('div', 'kind', KINDS[content.type] || content.type));
    if (content.type === 'text') {
        block.append(element('p', 'topic-text', content.text));
    } else if (content.type === 'avatarVideo') {
        const item = element('div', 'topic-video');
        item.dataset.videoId = content.videoId;
        block.append(item);
        renderTopicVideo(item, content.videoId);
    } else if (content.type === 'file' && content.file) {
        block.append(fileLine(content.file));
    }
    return block;
}

function renderTopicVideo(item, videoId) {
    const video = known(videoId);
    if (!video) {
        item.replaceChildren(element('p', 'error', `Video ${videoId} no longer exists.`));
        return;
    }
    const head = element('div', 'video-head');
    const title = element('a', 'title', videoTitle(video));
    title.href = `#video/${encodeURIComponent(video.id)}`;
    const actions = element('div', 'row-actions');
    if (video.status === 'READY') {
        actions.append(button('Play', 'play', () => openVideo(video.id, {play: true})));
    }
    head.append(title, actions);
    item.dataset.status = video.status;
    item.replaceChildren(head, statusLine(video), ...failure(video));
}

/** The topic's state as the service defines it (TopicView.readiness), kept current as its videos change. */
function renderReadiness() {
    const target = $('topic-readiness');
    if (!target || !shownTopic?.contents) {
        return;
    }
    const statuses = videoIdsOf(shownTopic).map((id) => known(id)?.status);
    const readiness = statuses.some((s) => s === undefined || s === 'FAILED') ? 'VIDEO_FAILED'
        : statuses.some((s) => s !== 'READY') ? 'WAITING_FOR_VIDEOS' : 'READY';
    target.dataset.readiness = readiness;
    target.replaceChildren(readinessBadge(readiness));
    const listed = document.querySelector(`#topic-list .topic-link[data-topic-id="${CSS.escape(shownTopic.id)}"] .badge`);
    if (listed) {
        listed.replaceWith(readinessBadge(readiness));
    }
}

function fileLine(file) {
    const line = element('p', 'topic-file');
    const link = element('a', null, file.fileName);
    link.href = file.fileUrl;
    link.rel = 'noopener';
    line.append(link, ` · ${file.fileType} · ${formatBytes(file.fileSize)}`);
    return line;
}

async function deleteTopic(topic, problem) {
    const sure = await confirmAction({
        title: 'Delete this topic?',
        message: `“${topic.title}” and its ${topic.contents.filter((c) => c.type === 'file').length} file(s) will be deleted for good.`
            + ' Its videos stay: delete them on their own if you no longer need them.',
        confirmLabel: 'Delete topic',
    });
    if (!sure) {
        return;
    }
    try {
        await api(`/api/topics/${encodeURIComponent(topic.id)}`, {method: 'DELETE'});
        location.hash = '#topics';
        await loadTopics();
    } catch (e) {
        problem.textContent = `Not deleted. ${e.message}`;
        problem.hidden = false;
    }
}

// ---- The editor

export async function editTopic(id) {
    shownTopic = null;
    live.follow('topic', []);
    let topic = {title: '', language: 'en', contents: []};
    if (id) {
        try {
            topic = await api(`/api/topics/${encodeURIComponent(id)}`);
        } catch (e) {
            $('topic-view').replaceChildren(element('p', 'error', e.message));
            showPanel('view');
            return;
        }
        topic.contents.filter((c) => c.video).forEach((c) => remember(c.video));
    }
    editing = {id: id || null};
    markCurrent();
    const form = $('topic-form');
    clearProblems(form, $('topic-error'));
    $('topic-form-title').textContent = id ? 'Edit topic' : 'New topic';
    $('topic-title').value = topic.title;
    $('topic-language').value = topic.language;
    $('cancel-topic').href = id ? `#topic/${encodeURIComponent(id)}` : '#topics';
    $('topic-contents').replaceChildren();
    topic.contents.forEach((content) => addContent(content));
    numberContents();
    showPanel('form');
    $('topic-title').focus();
}

function addContent(content) {
    const item = element('li', 'content-item');
    item.dataset.type = content.type;
    item.tabIndex = -1;
    const head = element('div', 'content-head');
    const actions = element('div', 'item-actions');
    actions.append(
        button('↑', 'move-up', () => move(item, -1)),
        button('↓', 'move-down', () => move(item, 1)),
        button('Remove', 'remove-content', () => {
            item.remove();
            numberContents();
        }));
    actions.querySelector('.move-up').setAttribute('aria-label', 'Move up');
    actions.querySelector('.move-down').setAttribute('aria-label', 'Move down');
    head.append(element('span', 'kind', KINDS[content.type]), actions);
    item.append(head, contentField(item, content));
    $('topic-contents').append(item);
    if (content.type === 'text') {
        countCharacters(item.querySelector('textarea'), item.querySelector('.counter'), MAX_TEXT_LENGTH, 'one text');
    }
    numberContents();
    return item;
}

function contentField(item, content) {
    const field = element('div', 'field');
    const error = element('p', 'field-error');
    error.hidden = true;
    if (content.type === 'text') {
        const label = element('label', 'visually-hidden', 'Text');
        const text = element('textarea', 'content-text');
        text.rows = 4;
        text.value = content.text || '';
        text.dataset.role = 'control';
        const foot = element('div', 'field-foot');
        foot.append(error, element('span', 'counter'));
        field.append(label, text, foot);
    } else if (content.type === 'avatarVideo') {
        item.dataset.videoId = content.videoId;
        const chosen = element('div', 'chosen-video');
        const change = button('Choose another…', 'choose-video', () => pickVideo((video) => {
            item.dataset.videoId = video.id;
            renderChosenVideo(chosen, video.id);
        }));
        change.dataset.role = 'control';
        renderChosenVideo(chosen, content.videoId);
        field.append(chosen, change, error);
    } else if (content.file) {
        item.dataset.storagePath = content.file.storagePath;
        const kept = element('div', 'kept-file');
        kept.tabIndex = -1;
        kept.dataset.role = 'control';
        kept.append(fileLine(content.file), element('span', 'note', 'kept as it is'));
        field.append(kept, error);
    } else {
        const label = element('label', 'visually-hidden', 'File to upload');
        const input = element('input', 'content-file');
        input.type = 'file';
        input.dataset.role = 'control';
        field.append(label, input, error);
    }
    return field;
}

function renderChosenVideo(target, videoId) {
    const video = known(videoId);
    target.replaceChildren(...(video
        ? [statusBadge(video.status), element('span', 'chosen-title', ` ${videoTitle(video)}`), element('code', 'video-id', ` ${shortId(video.id)}`)]
        : [element('span', 'note', `Video ${videoId}`)]));
}

function move(item, step) {
    const sibling = step < 0 ? item.previousElementSibling : item.nextElementSibling;
    if (sibling) {
        if (step < 0) {
            sibling.before(item);
        } else {
            sibling.after(item);
        }
        numberContents();
        item.querySelector(step < 0 ? '.move-up' : '.move-down').focus();
    }
}

function focusItem(item) {
    item.scrollIntoView({block: 'nearest'});
    (item.querySelector('textarea, input, button.choose-video') || item).focus();
}

/** Contents carry the request's field names (contents[2].text), so a refusal lands beside the right one. */
function numberContents() {
    const items = [...document.querySelectorAll('#topic-contents > .content-item')];
    items.forEach((item, i) => {
        item.dataset.field = `contents[${i}]`;
        const control = item.querySelector('[data-role="control"]');
        const name = {text: 'text', avatarVideo: 'videoId', file: item.dataset.storagePath ? 'storagePath' : 'part'}[item.dataset.type];
        control.dataset.field = `contents[${i}].${name}`;
        control.id = `content-${i}-${name}`;
        const label = item.querySelector('label');
        if (label) {
            label.htmlFor = control.id;
        }
        item.querySelector('.move-up').disabled = i === 0;
        item.querySelector('.move-down').disabled = i === items.length - 1;
    });
    $('contents-empty').hidden = items.length > 0;
}

/** The topic as the API takes it; new files travel as parts named file-<index>, the rest as JSON. */
function topicRequest() {
    const files = [];
    const contents = [...document.querySelectorAll('#topic-contents > .content-item')].map((item, i) => {
        switch (item.dataset.type) {
            case 'text':
                return {type: 'text', text: item.querySelector('textarea').value};
            case 'avatarVideo':
                return {type: 'avatarVideo', videoId: item.dataset.videoId};
            default: {
                if (item.dataset.storagePath) {
                    return {type: 'file', storagePath: item.dataset.storagePath};
                }
                const part = `file-${i}`;
                const file = item.querySelector('input[type=file]').files[0];
                if (file) {
                    files.push([part, file]);
                }
                return {type: 'file', part};
            }
        }
    });
    return {body: {title: $('topic-title').value, language: $('topic-language').value.trim(), contents}, files};
}

async function saveTopic(event) {
    event.preventDefault();
    const form = $('topic-form');
    const summary = $('topic-error');
    clearProblems(form, summary);
    if (firstOverLimit(form)) {
        summary.textContent = `Not saved: a text has more than ${formatCount(MAX_TEXT_LENGTH)} characters, the most one text content may have.`
            + ' Split it into two texts.';
        summary.hidden = false;
        return;
    }
    const {body, files} = topicRequest();
    let payload = {body};
    if (files.length > 0) {
        const multipart = new FormData();
        multipart.append('topic', JSON.stringify(body));
        files.forEach(([part, file]) => multipart.append(part, file, file.name));
        payload = {form: multipart};
    }
    const save = $('save-topic');
    save.disabled = true;
    try {
        const saved = await api(editing.id ? `/api/topics/${encodeURIComponent(editing.id)}` : '/api/topics',
            {method: editing.id ? 'PUT' : 'POST', ...payload});
        location.hash = `#topic/${encodeURIComponent(saved.id)}`;
        loadTopics().catch(showTopicsError);
    } catch (e) {
        // A refusal about a file names its part (file-2); the control is the content that sent it.
        const part = /^file-(\d+)$/.exec(e.field || '');
        if (part) {
            e.field = `contents[${part[1]}].part`;
        }
        showProblem(form, e, summary);
    } finally {
        save.disabled = false;
    }
}

// ---- The picker of ready videos

const picker = {nextCursor: null, onChoose: null};

function pickVideo(onChoose) {
    picker.onChoose = onChoose;
    $('video-picker-search').value = '';
    $('video-picker-list').replaceChildren();
    $('video-picker').showModal();
    loadPickerPage({more: false});
}

async function loadPickerPage({more}) {
    const query = new URLSearchParams({status: 'READY', limit: '20'});
    if (more && picker.nextCursor) {
        query.set('cursor', picker.nextCursor);
    }
    $('video-picker-error').hidden = true;
    try {
        const page = await api(`/api/videos?${query}`);
        for (const video of page.items) {
            remember(video);
            const choice = element('button', 'picker-video');
            choice.type = 'button';
            choice.dataset.videoId = video.id;
            choice.append(element('span', 'title', videoTitle(video)),
                element('span', 'meta', `${formatTime(video.createdAt)} · ${video.resolution} · ${formatBytes(video.file?.fileSize)} · ${shortId(video.id)}`));
            choice.addEventListener('click', () => {
                $('video-picker').close();
                picker.onChoose(video);
            });
            const item = element('li');
            item.append(choice);
            $('video-picker-list').append(item);
        }
        picker.nextCursor = page.nextCursor || null;
        $('video-picker-more').hidden = !picker.nextCursor;
        $('video-picker-empty').hidden = $('video-picker-list').children.length > 0;
        filterPicker();
    } catch (e) {
        $('video-picker-error').textContent = e.message;
        $('video-picker-error').hidden = false;
    }
}

function filterPicker() {
    const text = $('video-picker-search').value.toLowerCase();
    for (const choice of document.querySelectorAll('#video-picker-list .picker-video')) {
        choice.parentElement.hidden = !!text && !choice.textContent.toLowerCase().includes(text);
    }
}

