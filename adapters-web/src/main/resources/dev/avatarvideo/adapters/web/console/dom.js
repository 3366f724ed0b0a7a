// Small pieces every screen uses. Every value from the API is written with textContent, never as HTML.

export const $ = (id) => document.getElementById(id);

export function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
        node.className = className;
    }
    if (text !== undefined && text !== null) {
        node.textContent = text;
    }
    return node;
}

export function button(label, className, onClick) {
    const node = element('button', className, label);
    node.type = 'button';
    node.addEventListener('click', onClick);
    return node;
}

export function option(value, label) {
    const node = element('option', null, label);
    node.value = value;
    return node;
}

export function formatBytes(bytes) {
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

export function formatCount(count) {
    return count.toLocaleString('en-US');
}

export function formatTime(instant) {
    return instant ? new Date(instant).toLocaleString() : '';
}

export function shortId(id) {
    return id.slice(0, 8);
}

export function videoTitle(video) {
    return video.title || `Video ${shortId(video.id)}`;
}

/** A status as a coloured pill; {@code data-status} lets screens and tests read it without parsing text. */
export function statusBadge(status) {
    const badge = element('span', `badge ${status}`, status);
    badge.dataset.status = status;
    return badge;
}

// ---- Refusals next to the field they name

/**
 * Shows a refusal next to the control whose {@code data-field} it names (exactly, or the nearest enclosing one:
 * {@code scenes[1].voice.speed} lands on scene 2's voice when there is no speed control), and a summary in
 * {@code summary}. Answers the control it marked, if any.
 */
export function showProblem(form, error, summary) {
    const control = controlFor(form, error.field);
    if (control) {
        fieldMessage(control, error.detail || error.message);
        control.focus();
        summary.textContent = `${error.title}. See the marked field${error.field ? ` (${error.field})` : ''}.`;
    } else {
        summary.textContent = error.field ? `${error.message}\n(field: ${error.field})` : error.message;
    }
    summary.hidden = false;
    return control;
}

export function controlFor(form, field) {
    if (!field) {
        return null;
    }
    const controls = [...form.querySelectorAll('[data-field]')];
    const exact = controls.find((c) => c.dataset.field === field);
    if (exact) {
        return exact;
    }
    const enclosing = controls.filter((c) => field.startsWith(`${c.dataset.field}.`) || field.startsWith(`${c.dataset.field}[`));
    return enclosing.sort((a, b) => b.dataset.field.length - a.dataset.field.length)[0] || null;
}

/** Marks a control and says why beside it; an empty text unmarks it. */
export function fieldMessage(control, text) {
    const message = messageElement(control);
    if (text) {
        control.setAttribute('aria-invalid', 'true');
        message.textContent = text;
        message.hidden = false;
    } else {
        control.removeAttribute('aria-invalid');
        message.textContent = '';
        message.hidden = true;
    }
}

/** Unmarks what the last refusal marked; a field over its limit stays marked until it is shortened. */
export function clearProblems(form, summary) {
    form.querySelectorAll('[aria-invalid="true"]:not([data-over-limit])').forEach((control) => fieldMessage(control, ''));
    if (summary) {
        summary.hidden = true;
        summary.textContent = '';
    }
}

let messageIds = 0;

/** A control's message lives in its .field wrapper, made on first use. */
function messageElement(control) {
    // A whole scene or content is its own holder; a single control's is its .field wrapper.
    const container = control.matches('fieldset, li');
    const holder = container ? control : control.closest('.field') || control.parentElement;
    let message = holder.querySelector(':scope > .field-error, :scope > .field-foot > .field-error');
    if (!message) {
        message = element('p', 'field-error');
        message.hidden = true;
        if (container) {
            control.append(message);
        } else {
            control.after(message);
        }
    }
    if (!message.id) {
        message.id = `field-error-${++messageIds}`;
    }
    message.setAttribute('role', 'alert');
    control.setAttribute('aria-describedby', message.id);
    return message;
}

// ---- A counter of characters against a limit, as the service counts them (UTF-16 code units, as Java's length())

/**
 * Counts what is typed into {@code control} against {@code limit} and refuses more beside the field, without cutting
 * anything (a maxlength would silently drop what was pasted beyond it). Answers a check for the submit.
 */
export function countCharacters(control, counter, limit, what) {
    const update = () => {
        const length = control.value.length;
        counter.textContent = `${formatCount(length)} / ${formatCount(limit)}`;
        const over = length - limit;
        counter.classList.toggle('over', over > 0);
        if (over > 0) {
            fieldMessage(control, `${formatCount(over)} character${over === 1 ? '' : 's'} over the limit of ${formatCount(limit)}`
                + ` for ${what}. Shorten it; nothing is cut off for you.`);
            control.dataset.overLimit = 'true';
        } else if (control.dataset.overLimit) {
            delete control.dataset.overLimit;
            fieldMessage(control, '');
        }
    };
    control.addEventListener('input', update);
    update();
    return update;
}

/** The first control of {@code form} over its limit, marked and focused, or null. */
export function firstOverLimit(form) {
    const control = form.querySelector('[data-over-limit="true"]');
    if (control) {
        control.focus();
    }
    return control;
}

// ---- A confirmation that is part of the page (a window.confirm cannot be styled or read by assistive tools well)

export function confirmAction({title, message, confirmLabel}) {
    const dialog = $('confirm-dialog');
    $('confirm-title').textContent = title;
    $('confirm-message').textContent = message;
    $('confirm-ok').textContent = confirmLabel;
    dialog.returnValue = '';
    dialog.showModal();
    $('confirm-cancel').focus();
    return new Promise((resolve) => {
        dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), {once: true});
    });
}
