/*
 * Saving the draft: 2 s after typing stops, on demand, and on leaving the page (fetch keepalive on visibilitychange
 * and pagehide). The server saves a draft deleted elsewhere as a new one; a refusal names its field; else it retries.
 */
import { csrfHeaders, postForm } from '../lib/http.js';
import { showFiles } from './attachments.js';
import { commitTyped } from './letter.js';
import { setStatus } from './problems.js';
import { $, msg, serial, setUid, state } from './state.js';

const AUTOSAVE_MS = 2000;
const RETRY_MS = 5000;
let timer = null;

function later(ms) {
  window.clearTimeout(timer);
  timer = window.setTimeout(() => { save().catch(() => { /* the status shows it */ }); }, ms);
}

/** No more saves (sent or discarded). */
export function stopSaving() {
  window.clearTimeout(timer);
  state.sent = true;
}

/** The draft's UID in the address: a reload continues it. */
function remember(uid) {
  const url = new URL(window.location.href);
  url.searchParams.set('draft', String(uid));
  window.history.replaceState(null, '', url.toString());
}

/** A version saved by a form post: the server swapped in the status, UID and files; the state follows. */
export function savedHere() {
  state.uid = parseInt($('compose-uid').value, 10);
  remember(state.uid);
}

/** The draft as the JSON API reads it when the page opens: its files, UID and the time. */
export function saved(view) {
  setUid(view.uid);
  showFiles(view.letter.attachments || []);
  remember(view.uid);
  const time = new Date().toLocaleTimeString(document.documentElement.lang || undefined, { hour: '2-digit', minute: '2-digit' });
  setStatus(msg('msgSaved', time));
}

export function changed() {
  if (state.sent) return;
  state.dirty = true;
  setStatus(msg('msgUnsaved'));
  later(AUTOSAVE_MS);
}

/**
 * Posts the form to /compose/draft (ADR 0057): the answer swaps in the status line with the time, the new UID and the
 * files; a refusal (400, 413) names its field and waits for the user; anything else is tried again in a moment.
 */
export function save() {
  window.clearTimeout(timer);
  return serial(() => {
    if (!state.dirty && state.uid !== null) return Promise.resolve();
    state.dirty = false;
    state.saving = true;
    setStatus(msg('msgSaving'));
    commitTyped();
    return postForm('/compose/draft', $('compose-form')).then((xhr) => {
      state.saving = false;
      if (xhr && xhr.status >= 200 && xhr.status < 300) { savedHere(); return; }
      state.dirty = true;
      const status = xhr ? xhr.status : 0;
      if (status !== 400 && status !== 413) later(RETRY_MS);
      throw Object.assign(new Error('HTTP ' + status), { status, shown: true });
    }, (err) => {
      state.saving = false;
      state.dirty = true;
      setStatus(msg('msgRetrying'), true);
      later(RETRY_MS);
      throw err;
    });
  });
}

/** Saves now, whatever changed (the Save button, a removed file). */
export function saveNow() {
  state.dirty = true;
  save().catch(() => { /* the status shows it */ });
}

/** Leaving the page: the form goes out with fetch keepalive (htmx cannot; sendBeacon cannot send the CSRF header). */
function saveOnLeave() {
  if (!state.dirty || state.sent) return;
  commitTyped();
  const body = new URLSearchParams(new FormData($('compose-form')));
  try {
    fetch('/compose/draft', { method: 'POST', headers: csrfHeaders(false), body, keepalive: true, credentials: 'same-origin' });
  } catch (e) { /* nothing more to try */ }
}

export function installSaving() {
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') saveOnLeave(); });
  window.addEventListener('pagehide', saveOnLeave);
  window.addEventListener('beforeunload', (e) => {
    if ((state.dirty || state.saving) && !state.sent) {
      e.preventDefault();
      e.returnValue = '';
    }
  });
  $('compose-form').addEventListener('input', (e) => { if (!e.target.classList.contains('chip-input')) changed(); });
  $('compose-from').addEventListener('change', changed);
  $('compose-save').addEventListener('click', saveNow);
}
