// Calls to the service's public HTTP API with the signed-in key. Every refusal becomes an ApiError read from the
// service's RFC 9457 problem document, so a screen can show its title and detail next to the field it names.

const KEY_STORAGE = 'avatar-video-service.apiKey';

export const session = {
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

/** A refusal from the API (or no answer at all: status 0). */
export class ApiError extends Error {
    constructor(status, body) {
        const problem = body && typeof body === 'object' ? body : {};
        const title = problem.title || (status === 0 ? 'The service cannot be reached' : `The service answered ${status}`);
        const detail = problem.detail || (typeof body === 'string' && body.trim() ? body.trim().slice(0, 300) : '');
        super(detail ? `${title}: ${detail}` : title);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.field = problem.field || null;
        this.type = problem.type || null;
    }
}

const listeners = {unauthorized: () => {}, reachability: () => {}};

/** Who hears that the key was refused (to sign out), and whether the service answered at all (for the badge). */
export function listen({unauthorized, reachability}) {
    listeners.unauthorized = unauthorized;
    listeners.reachability = reachability;
}

/**
 * One API call. {@code body} goes as JSON; {@code form} (a FormData) goes as multipart/form-data with the boundary
 * the browser chooses. Answers the parsed JSON, or null for 204.
 */
export async function api(path, {method = 'GET', body, form, signal} = {}) {
    const headers = {'Accept': 'application/json', 'Authorization': `Bearer ${session.key}`};
    let payload;
    if (form !== undefined) {
        payload = form;
    } else if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        payload = JSON.stringify(body);
    }
    let response;
    try {
        response = await fetch(path, {method, headers, body: payload, signal, cache: 'no-store'});
    } catch (e) {
        if (e.name === 'AbortError') {
            throw e;
        }
        const error = new ApiError(0, {detail: e.message});
        listeners.reachability(false, error);
        throw error;
    }
    listeners.reachability(true);
    if (response.status === 204) {
        return null;
    }
    const type = response.headers.get('Content-Type') || '';
    const answer = type.includes('json') ? await response.json().catch(() => null) : await response.text();
    if (!response.ok) {
        const error = new ApiError(response.status, answer);
        if (response.status === 401) {
            listeners.unauthorized(error);
        }
        throw error;
    }
    return answer;
}

/** Tells the unauthorized listener, for callers that talk to the API without {@link api} (the live stream). */
export function refusedKey(error) {
    listeners.unauthorized(error);
}
