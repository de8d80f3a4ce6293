/*
 * Saving the draft: 2 s after typing stops, on demand, and on leaving the page (fetch keepalive on visibilitychange
 * and pagehide). A draft deleted elsewhere is saved again as a new one; a refusal names its field; else it retries.
 */
import { api, csrfHeaders } from '../lib/http.js';
import { showFiles } from './attachments.js';
import { letter } from './letter.js';
import { clearErrors, setStatus, showProblem } from './problems.js';
import { $, msg, serial, state } from './state.js';

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

/** A saved version: its files, its UID in the address (a reload continues it) and the time in the status line. */
export function saved(view) {
  state.uid = view.uid;
  showFiles(view.letter.attachments || []);
  const url = new URL(window.location.href);
  url.searchParams.set('draft', String(view.uid));
  window.history.replaceState(null, '', url.toString());
  const time = new Date().toLocaleTimeString(document.documentElement.lang || undefined, { hour: '2-digit', minute: '2-digit' });
  setStatus(msg('msgSaved', time));
}

export function changed() {
  if (state.sent) return;
  state.dirty = true;
  setStatus(msg('msgUnsaved'));
  later(AUTOSAVE_MS);
}

export function save() {
  window.clearTimeout(timer);
  return serial(() => {
    if (!state.dirty && state.uid !== null) return Promise.resolve();
    state.dirty = false;
    state.saving = true;
    setStatus(msg('msgSaving'));
    const body = letter();
    const request = state.uid === null ? api('POST', '/api/v1/drafts', body) : api('PUT', '/api/v1/drafts/' + state.uid, body);
    return request.then((view) => {
      state.saving = false;
      clearErrors();
      saved(view);
    }, (err) => {
      state.saving = false;
      state.dirty = true;
      if (err.status === 404 && state.uid !== null) {
        // the draft was deleted or replaced elsewhere (another tab, another client): save this text as a new one
        state.uid = null;
        state.files = [];
        later(0);
      } else if (err.status === 400 || err.status === 413) {
        setStatus(msg('msgUnsaved'), true);
        showProblem(err);
      } else {
        setStatus(msg('msgRetrying'), true);
        later(RETRY_MS);
      }
      throw err;
    });
  });
}

/** Saves now, whatever changed (the Save button, a removed file). */
export function saveNow() {
  state.dirty = true;
  save().catch(() => { /* the status shows it */ });
}

/** Leaving the page: the last words go out with keepalive (sendBeacon cannot PUT JSON with the CSRF header). */
function saveOnLeave() {
  if (!state.dirty || state.sent) return;
  const body = JSON.stringify(letter());
  const url = state.uid === null ? '/api/v1/drafts' : '/api/v1/drafts/' + state.uid;
  try {
    fetch(url, { method: state.uid === null ? 'POST' : 'PUT', headers: csrfHeaders(true), body, keepalive: true, credentials: 'same-origin' });
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
