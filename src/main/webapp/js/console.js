/*
 * The Changewire console's shared code: the API client (secrets only in sessionStorage), sign-in
 * state, formatting and small helpers the pages' Alpine components use. Everything goes through
 * the public REST API under /elements/api-v2.
 */
(function () {
  'use strict';

  const AUTH_KEY = 'changewire.auth';
  const API = '/elements/api-v2';

  /** An error the API answered with: its message is the body's message. */
  class ApiError extends Error {
    constructor(status, message, body) {
      super(message);
      this.status = status;
      this.body = body;
    }
    /** The path does not exist on this server (a feature not installed yet). */
    get missing() {
      return this.status === 404 && !(this.body && /does not exist/i.test(this.body.message || ''));
    }
  }

  function credentials() {
    try {
      return JSON.parse(sessionStorage.getItem(AUTH_KEY) || 'null');
    } catch (e) {
      return null;
    }
  }

  function authorization(c) {
    return 'User ' + c.user + ', Organization ' + c.organization;
  }

  /** Calls the platform API; answers {data, headers}; throws ApiError with the API's message. */
  async function call(method, path, body, options) {
    const c = (options && options.credentials) || credentials();
    const headers = { 'Accept': 'application/json' };
    if (c) headers['Authorization'] = authorization(c);
    if (body !== undefined && body !== null) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(API + path, {
        method: method,
        headers: headers,
        body: body === undefined || body === null ? undefined : JSON.stringify(body),
        cache: 'no-store'
      });
    } catch (e) {
      throw new ApiError(0, 'The server could not be reached (' + e.message + ')', null);
    }
    const text = await response.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch (e) {
        data = null;
      }
    }
    if (!response.ok) {
      const message = data && data.message ? data.message
        : 'The server answered ' + response.status + ' ' + (response.statusText || '');
      if (response.status === 401 && !(options && options.credentials)) {
        // the secrets stopped working (user removed): back to the sign-in page
        sessionStorage.removeItem(AUTH_KEY);
      }
      throw new ApiError(response.status, message, data);
    }
    return { data: data, headers: response.headers };
  }

  async function get(path) { return (await call('GET', path)).data; }

  /** Reads every page of a list (bounded), following Elements-Next-Page-Token. */
  async function all(path, maxPages) {
    const items = [];
    let next = null;
    for (let page = 0; page < (maxPages || 20); page++) {
      const sep = path.includes('?') ? '&' : '?';
      const r = await call('GET', path + (next ? sep + 'nextPage=' + encodeURIComponent(next) : ''));
      items.push(...(r.data || []));
      next = r.headers.get('Elements-Next-Page-Token');
      if (!next) return { items: items, complete: true };
    }
    return { items: items, complete: false };
  }

  /** Checks the secrets with a harmless call and keeps them for this browser tab only. */
  async function signIn(user, organization) {
    const c = { user: user.trim(), organization: organization.trim() };
    if (!c.user || !c.organization) {
      throw new ApiError(400, 'Enter both the user secret and the organization secret.', null);
    }
    try {
      await call('GET', '/organizations/users', null, { credentials: c });
    } catch (e) {
      if (e.status === 401) {
        throw new ApiError(401, 'Those secrets were not accepted: check the user secret and the organization secret ('
          + e.message + ').', e.body);
      }
      throw e;
    }
    sessionStorage.setItem(AUTH_KEY, JSON.stringify(c));
  }

  /**
   * Where a sign-in may continue to: the absolute URL of a same-origin path, else null. The browser's
   * own URL parser decides (it reads "/\\evil" and "/<tab>/evil" as "//evil"), and the origin it
   * resolves to must be ours, so no spelling of another host gets through.
   */
  function sameOriginUrl(next) {
    if (typeof next !== 'string' || !next.startsWith('/')) return null;
    try {
      const url = new URL(next, location.origin);
      return url.origin === location.origin ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function signOut() {
    sessionStorage.clear();
    location.href = '/';
  }

  /** Pages other than the sign-in page send a signed-out visitor there. */
  function requireSignIn() {
    if (!credentials()) {
      location.replace('/?next=' + encodeURIComponent(location.pathname + location.search));
      return false;
    }
    return true;
  }

  function date(value) {
    if (!value) return '—';
    const d = new Date(value);
    if (isNaN(d.getTime())) return String(value);
    return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  function relative(value) {
    if (!value) return '';
    const seconds = Math.round((new Date(value).getTime() - Date.now()) / 1000);
    if (isNaN(seconds)) return '';
    const abs = Math.abs(seconds);
    const fmt = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
    if (abs < 60) return fmt.format(seconds, 'second');
    if (abs < 3600) return fmt.format(Math.round(seconds / 60), 'minute');
    if (abs < 86400) return fmt.format(Math.round(seconds / 3600), 'hour');
    return fmt.format(Math.round(seconds / 86400), 'day');
  }

  async function copy(text, button) {
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      // clipboard API refused (plain http): fall back to a selection copy
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'absolute';
      area.style.left = '-9999px';
      document.body.appendChild(area);
      area.select();
      try { document.execCommand('copy'); } catch (ignored) { /* nothing else to try */ }
      document.body.removeChild(area);
    }
    if (button) {
      const label = button.getAttribute('data-label') || button.textContent;
      button.setAttribute('data-label', label);
      button.textContent = 'Copied';
      setTimeout(() => { button.textContent = label; }, 1500);
    }
  }

  function boolean(value) {
    return value === true || String(value).toLowerCase() === 'true';
  }

  /** The notification format as one choice: 'cloudelements', or 'cloudevents:<mode>' (structured, binary, batch). */
  function notificationFormat(configuration) {
    const format = String(configuration['event.notification.format'] || 'cloudelements').trim().toLowerCase();
    if (format !== 'cloudevents') return 'cloudelements';
    return 'cloudevents:' + (String(configuration['event.notification.cloudevents.mode'] || 'structured').trim().toLowerCase());
  }

  /** The configuration keys of a notification format choice. */
  function notificationFormatKeys(choice) {
    const [format, mode] = String(choice || 'cloudelements').split(':');
    const keys = { 'event.notification.format': format };
    if (mode) keys['event.notification.cloudevents.mode'] = mode;
    return keys;
  }

  /**
   * An event.poller.refresh_interval value in minutes, to 4 decimals: minutes as Cloud Elements took them
   * ("15", "0.5") or an ISO-8601 duration ("PT30S", "PT1H"), both of which the API accepts; null for what it
   * cannot read (the API accepts a few more spellings, such as "PT0,5S": see instance.js's intervalToSave).
   */
  function intervalMinutes(value) {
    const text = String(value === undefined || value === null ? '' : value).trim();
    const minutes = Number(text);
    if (text !== '' && Number.isFinite(minutes)) return minutes;
    const m = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text);
    if (!m || /^P$|T$/i.test(text)) return null;
    const [d, h, mi, s] = m.slice(1).map(v => Number(v || 0));
    return Math.round((d * 1440 + h * 60 + mi + s / 60) * 10000) / 10000;
  }

  /** The instance's poller configuration as an object, whether stored as an object or a string. */
  function pollerConfiguration(value) {
    if (!value) return null;
    if (typeof value === 'object') return value;
    try {
      const parsed = JSON.parse(value);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : null;
    } catch (e) {
      return null;
    }
  }

  /**
   * Checks one resource's poller configuration as the server will: an object with a hub url and an
   * idField; answers the problem, or null when it looks right.
   */
  function resourceProblem(name, text) {
    let value;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return 'Not valid JSON: ' + e.message;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) return 'Must be a JSON object';
    if (typeof value.url !== 'string' || !value.url.startsWith('/hubs/')) return '"url" must be a hub URL starting with /hubs/';
    if (value.idField !== undefined && typeof value.idField !== 'string') return '"idField" must be a string';
    if (value.datesConfiguration !== undefined && (typeof value.datesConfiguration !== 'object' || Array.isArray(value.datesConfiguration))) {
      return '"datesConfiguration" must be an object';
    }
    if (!/^[A-Za-z0-9_.-]{1,100}$/.test(name)) return 'The resource name must be 1 to 100 letters, digits, "_", "-" or "."';
    return null;
  }

  /**
   * The element's default poller configuration, as the server publishes it in GET /elements/constantcontact
   * (events.defaultPollerConfiguration): the one source of Constant Contact's default resources.
   */
  async function elementDefaults() {
    const element = await get('/elements/constantcontact');
    const resources = element && element.events && pollerConfiguration(element.events.defaultPollerConfiguration);
    if (!resources) throw new Error('The server published no default poller configuration for Constant Contact');
    return { resources: resources, element: element };
  }

  /** An ISO instant from a datetime-local input's value (local time). */
  function isoFromLocal(value) {
    if (!value) return null;
    const d = new Date(value);
    return isNaN(d.getTime()) ? null : d.toISOString();
  }

  function localInputValue(d) {
    const pad = n => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' + pad(d.getMinutes());
  }

  function param(name) {
    return new URLSearchParams(location.search).get(name);
  }

  /** The first of the named fields that has a value. */
  function pick(object, ...names) {
    if (!object) return null;
    for (const name of names) {
      if (object[name] !== undefined && object[name] !== null && object[name] !== '') return object[name];
    }
    return null;
  }

  /** A resource's sweeps in a line each: the last complete pass, the one in progress, the last error. */
  function sweepsText(sweeps) {
    if (!Array.isArray(sweeps)) return '';
    return sweeps.map(w => {
      const last = w.lastCompletedAt ? 'last ' + date(w.lastCompletedAt) + ' (' + (w.lastRecordsRead || 0) + ' read, '
        + (w.lastEventsRecorded || 0) + ' events, ' + (w.lastGone || 0) + ' gone)' : 'not run yet';
      const now = w.startedAt ? '; in progress since ' + date(w.startedAt) + ' (' + (w.passRecordsRead || 0) + ' read)' : '';
      return w.name + ': ' + last + now + (w.lastError ? '; ' + w.lastError : '');
    }).join('\n');
  }

  /** The poller status (GET /instances/{id}/events/poller) in one shape for the pages. */
  function pollerStatus(data) {
    if (!data) return null;
    let resources = pick(data, 'resources', 'resourceStatus');
    if (resources && !Array.isArray(resources)) {
      resources = Object.entries(resources).map(([name, r]) => Object.assign({ name: name }, r));
    }
    resources = (resources || []).map(r => ({
      name: pick(r, 'name', 'resource', 'objectType'),
      cursor: pick(r, 'cursor', 'cursorDate'),
      lastRunStart: pick(r, 'lastRunStart', 'lastRunStarted', 'lastRunStartDate', 'lastRun', 'lastRunDate'),
      lastRunEnd: pick(r, 'lastRunEnd', 'lastRunEnded', 'lastRunEndDate'),
      lastSuccess: pick(r, 'lastSuccess', 'lastSuccessDate', 'lastSuccessfulRun', 'lastSuccessfulPoll'),
      nextRun: pick(r, 'nextRun', 'nextRunDate') || pick(data, 'nextRun', 'nextRunDate'),
      lastError: pick(r, 'lastError', 'error'),
      recordsRead: pick(r, 'recordsRead'),
      eventsRecorded: pick(r, 'eventsRecorded'),
      recordsSkipped: pick(r, 'recordsSkipped', 'skipped'),
      sweeps: sweepsText(r.sweeps)
    }));
    const state = String(pick(data, 'state', 'pollState', 'status') || 'unknown');
    const pausedUntil = pick(data, 'pausedUntil', 'pausedUntilDate', 'quotaPausedUntil');
    const successes = resources.map(r => r.lastSuccess).filter(Boolean).sort();
    const words = { ACTIVE: 'active', PAUSED_QUOTA: 'paused for quota', INVALID_CREDENTIALS: 'invalid credentials',
      DISABLED: 'disabled', EVENTS_OFF: 'events off', MISCONFIGURED: 'misconfigured' };
    const text = words[state.toUpperCase()] || state.toLowerCase().replace(/_/g, ' ');
    return {
      state: state,
      pausedUntil: pausedUntil,
      stateText: pausedUntil ? text + ' until ' + date(pausedUntil) : text,
      problem: pick(data, 'problem', 'pauseReason', 'lastError'),
      running: !!data.running,
      lastSuccess: pick(data, 'lastSuccess', 'lastSuccessDate') || (successes.length ? successes[successes.length - 1] : null),
      nextRun: pick(data, 'nextRun', 'nextRunDate'),
      refreshInterval: data.refreshInterval || null,
      effectiveInterval: data.effectiveInterval || data.refreshInterval || null,
      // set while the quota planner stretches the intervals of the instance's API key (docs/quota.md)
      intervalReason: data.intervalReason || null,
      resources: resources
    };
  }

  window.changewire = {
    pick, pollerStatus,
    ApiError, call, get, all, signIn, signOut, requireSignIn, credentials, date, relative, copy, boolean, notificationFormat, notificationFormatKeys,
    pollerConfiguration, intervalMinutes, resourceProblem, elementDefaults,
    isoFromLocal, localInputValue, param, sameOriginUrl,
    PENDING_KEY: 'changewire.pendingInstance',
    STATE_KEY: 'changewire.oauthState'
  };

  /** The navigation bar's component (every page). */
  document.addEventListener('alpine:init', () => {
    window.Alpine.data('navigation', () => ({
      signedIn: !!credentials(),
      signOut: signOut
    }));
  });
})();
