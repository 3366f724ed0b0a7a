// The new video form: scenes with an avatar (chosen from a gallery of previews), a voice and a script.

import {api} from './api.js';
import {$, button, clearProblems, countCharacters, element, firstOverLimit, formatCount, option, showProblem} from './dom.js';

/** The service's limit per scene (Scene.MAX_SCRIPT_LENGTH, HeyGen's own): it refuses a longer script. */
export const MAX_SCRIPT_LENGTH = 5000;
const MAX_SCENES = 50;

export const catalog = {avatars: [], voices: [], loaded: false};

let created = () => {};
let choosingFor = null;

export function initVideoForm({onCreated}) {
    created = onCreated;
    $('create-form').addEventListener('submit', createVideo);
    $('add-scene').addEventListener('click', () => addScene());
    $('avatar-search').addEventListener('input', () => filterAvatars($('avatar-search').value));
    $('avatar-dialog-close').addEventListener('click', () => $('avatar-dialog').close());
}

/** The form as a new user meets it: one empty scene. */
export function resetVideoForm() {
    $('scenes').replaceChildren();
    addScene();
}

export function avatarName(id) {
    return catalog.avatars.find((a) => a.id === id)?.name || id;
}

export function voiceName(id) {
    return catalog.voices.find((v) => v.id === id)?.name || id;
}

export async function loadCatalog() {
    const state = $('catalog-state');
    state.replaceChildren('Loading avatars and voices…');
    state.hidden = false;
    try {
        const [avatars, voices] = await Promise.all([api('/api/avatars'), api('/api/voices')]);
        catalog.avatars = avatars.items;
        catalog.voices = voices.items;
        catalog.loaded = true;
        state.hidden = true;
        renderAvatarOptions();
        document.querySelectorAll('#scenes .scene').forEach((scene) => {
            fillVoices(scene);
            showChosenAvatar(scene);
        });
        $('create-video').disabled = false;
    } catch (e) {
        state.replaceChildren(`${e.message} `, button('Try again', null, () => loadCatalog()));
        $('create-video').disabled = true;
    }
}

// ---- Avatars: a gallery with previews, so a look is chosen by sight and its whole name can be read

function renderAvatarOptions() {
    $('avatar-options').replaceChildren(...catalog.avatars.map((avatar) => {
        const choice = element('button', 'avatar-option');
        choice.type = 'button';
        choice.dataset.avatarId = avatar.id;
        choice.title = avatar.name;
        choice.append(preview(avatar), element('span', 'avatar-name', avatar.name),
            element('span', 'avatar-meta', [avatar.avatarType.replaceAll('_', ' '), avatar.gender].filter(Boolean).join(' · ')));
        choice.addEventListener('click', () => {
            chooseAvatar(choosingFor, avatar.id, {byHand: true});
            $('avatar-dialog').close();
        });
        const item = element('li');
        item.append(choice);
        return item;
    }));
    filterAvatars('');
}

/** A preview image, fetched only when it comes into view (a HeyGen account lists hundreds of looks). */
function preview(avatar) {
    if (!avatar.previewImageUrl) {
        return element('span', 'avatar-thumb no-preview', 'no preview');
    }
    const image = element('img', 'avatar-thumb');
    image.loading = 'lazy';
    image.decoding = 'async';
    image.alt = '';
    image.referrerPolicy = 'no-referrer';
    image.src = avatar.previewImageUrl;
    return image;
}

function filterAvatars(text) {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const choice of document.querySelectorAll('#avatar-options .avatar-option')) {
        const avatar = catalog.avatars.find((a) => a.id === choice.dataset.avatarId);
        const haystack = [avatar.name, avatar.id, avatar.avatarType, avatar.gender, ...(avatar.tags || [])].join(' ').toLowerCase();
        const match = words.every((word) => haystack.includes(word));
        choice.parentElement.hidden = !match;
        shown += match ? 1 : 0;
    }
    $('avatar-count').textContent = `${formatCount(shown)} of ${formatCount(catalog.avatars.length)} avatars`;
}

function openAvatarDialog(scene) {
    choosingFor = scene;
    $('avatar-search').value = '';
    filterAvatars('');
    document.querySelectorAll('#avatar-options .avatar-option').forEach((choice) =>
        choice.setAttribute('aria-pressed', String(choice.dataset.avatarId === scene.dataset.avatarId)));
    $('avatar-dialog').showModal();
    $('avatar-search').focus();
}

function chooseAvatar(scene, id, {byHand}) {
    scene.dataset.avatarId = id;
    showChosenAvatar(scene);
    const voice = scene.querySelector('.voice');
    const look = catalog.avatars.find((a) => a.id === id);
    // An avatar's own voice is the natural choice until someone picks another.
    if (byHand && look?.defaultVoiceId && !voice.dataset.chosen && catalog.voices.some((v) => v.id === look.defaultVoiceId)) {
        voice.value = look.defaultVoiceId;
        voice.title = voice.selectedOptions[0]?.textContent || '';
    }
}

function showChosenAvatar(scene) {
    const choice = scene.querySelector('.avatar-choice');
    const id = scene.dataset.avatarId;
    const look = catalog.avatars.find((a) => a.id === id);
    const thumb = look ? preview(look) : element('span', 'avatar-thumb no-preview');
    choice.replaceChildren(thumb, element('span', 'avatar-name', look ? look.name : id || 'Choose an avatar'));
    choice.title = look ? `${look.name} (${look.id}) — choose another` : 'Choose an avatar';
}

// ---- Scenes

function voiceLabel(voice) {
    return [voice.name, voice.language, voice.gender].filter(Boolean).join(' · ');
}

function fillVoices(scene) {
    const voice = scene.querySelector('.voice');
    const chosen = voice.value || scene.dataset.voiceId || '';
    voice.replaceChildren(option('', 'Choose a voice'), ...catalog.voices.map((v) => option(v.id, voiceLabel(v))));
    voice.value = chosen;
    voice.title = voice.selectedOptions[0]?.textContent || '';
}

/** A new scene starts from the previous scene's avatar and voice: most videos keep one presenter throughout. */
export function addScene() {
    const scenes = $('scenes');
    if (scenes.children.length >= MAX_SCENES) {
        return;
    }
    const previous = scenes.lastElementChild;
    const scene = $('scene-template').content.firstElementChild.cloneNode(true);
    const voice = scene.querySelector('.voice');
    scene.querySelector('.avatar-choice').addEventListener('click', () => openAvatarDialog(scene));
    voice.addEventListener('change', () => {
        voice.dataset.chosen = 'yes';
        voice.title = voice.selectedOptions[0]?.textContent || '';
    });
    scene.querySelector('.remove-scene').addEventListener('click', () => {
        scene.remove();
        numberScenes();
    });
    if (previous) {
        scene.dataset.avatarId = previous.dataset.avatarId || '';
        scene.dataset.voiceId = previous.querySelector('.voice').value;
        if (previous.querySelector('.voice').dataset.chosen) {
            voice.dataset.chosen = 'yes';
        }
    }
    fillVoices(scene);
    showChosenAvatar(scene);
    scenes.append(scene);
    countCharacters(scene.querySelector('.script'), scene.querySelector('.counter'), MAX_SCRIPT_LENGTH, 'one scene');
    numberScenes();
}

/** Scene controls carry the request's field names, so a problem naming scenes[1].script marks the right box. */
function numberScenes() {
    const scenes = [...document.querySelectorAll('#scenes .scene')];
    scenes.forEach((scene, i) => {
        scene.querySelector('.scene-number').textContent = String(i + 1);
        scene.dataset.field = `scenes[${i}]`;
        for (const [selector, field] of [['.avatar-choice', 'avatarId'], ['.voice', 'voiceId'], ['.script', 'script']]) {
            const control = scene.querySelector(selector);
            control.dataset.field = `scenes[${i}].${field}`;
            control.id = `scene-${i}-${field}`;
            control.closest('.field').querySelector('label').htmlFor = control.id;
        }
        scene.querySelector('.remove-scene').hidden = scenes.length === 1;
    });
    $('add-scene').disabled = scenes.length >= MAX_SCENES;
}

async function createVideo(event) {
    event.preventDefault();
    const form = $('create-form');
    const summary = $('create-error');
    clearProblems(form, summary);
    const tooLong = firstOverLimit(form);
    if (tooLong) {
        summary.textContent = `Not sent: scene ${tooLong.closest('.scene').querySelector('.scene-number').textContent} has more than`
            + ` ${formatCount(MAX_SCRIPT_LENGTH)} characters, the most one scene can say. Shorten it, or move the rest into a new scene.`;
        summary.hidden = false;
        return;
    }
    const request = {
        resolution: $('resolution').value,
        aspectRatio: $('aspect-ratio').value,
        captions: $('captions').value,
        scenes: [...document.querySelectorAll('#scenes .scene')].map((scene) => ({
            avatarId: scene.dataset.avatarId || '',
            voiceId: scene.querySelector('.voice').value,
            script: scene.querySelector('.script').value,
        })),
    };
    const title = $('title').value.trim();
    if (title) {
        request.title = title;
    }
    const submit = $('create-video');
    submit.disabled = true;
    try {
        const video = await api('/api/videos', {method: 'POST', body: request});
        created(video);
        document.querySelectorAll('#scenes .script').forEach((script) => {
            script.value = '';
            script.dispatchEvent(new Event('input'));
        });
        $('title').value = '';
    } catch (e) {
        showProblem(form, e, summary);
    } finally {
        submit.disabled = false;
    }
}
