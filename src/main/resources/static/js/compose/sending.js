/*
 * Sending with undo: the draft is saved, then sent with an Idempotency-Key; the server holds it for the undo delay
 * while a countdown shows, and Undo cancels it (the send then answers 409). Sending is still the JSON API's (ADR 0057).
 */
import { api, csrfHeaders, postForm } from '../lib/http.js';
import { clearErrors, formError, showProblem } from './problems.js';
import { save, stopSaving } from './saving.js';
import { $, msg, serial, state } from './state.js';

let countdown = null;

function showSending(seconds) {
  $('send-toast-text').textContent = msg('msgSending', seconds);
  $('send-toast').hidden = false;
}

function hideSending() {
  window.clearInterval(countdown);
  $('send-toast').hidden = true;
}

function startCountdown() {
  let left = Math.ceil((parseInt($('compose').dataset.undoMs, 10) || 0) / 1000);
  if (left <= 0) return;
  showSending(left);
  countdown = window.setInterval(() => { left = Math.max(0, left - 1); showSending(left); }, 1000);
}

function postSend(uid) {
  const key = window.crypto && window.crypto.randomUUID ? window.crypto.randomUUID() : String(Date.now()) + Math.random();
  return fetch('/api/v1/drafts/' + uid + '/send', {
    method: 'POST', headers: Object.assign(csrfHeaders(false), { 'Idempotency-Key': key }), credentials: 'same-origin'
  }).then((r) => r.text().then((t) => {
    let data = null;
    try { data = t ? JSON.parse(t) : null; } catch (x) { data = null; }
    if (r.status === 201) return data;
    const err = new Error('HTTP ' + r.status);
    err.status = r.status;
    err.problem = data;
    throw err;
  }));
}

function send(e) {
  e.preventDefault();
  if (state.sendingUid !== null) return;
  clearErrors();
  state.dirty = state.dirty || state.uid === null;
  $('compose-send').disabled = true;
  save().then(() => serial(() => {
    state.sendingUid = state.uid;
    startCountdown();
    return postSend(state.uid);
  })).then(() => {
    stopSaving();
    hideSending();
    window.location.assign('/mail?sent=1');
  }, (err) => {
    hideSending();
    state.sendingUid = null;
    $('compose-send').disabled = false;
    if (err && err.status === 409) formError(msg('msgCancelled'));
    else if (err && !(err.shown && (err.status === 400 || err.status === 413))) showProblem(err); // a refused save shows its own
  });
}

/** Discarding posts the form to /compose/discard (ADR 0057), which answers HX-Redirect to the mail. */
function discard() {
  stopSaving(); // nothing left to save
  const done = () => window.location.assign('/mail');
  serial(() => (state.uid === null ? null : postForm('/compose/discard', $('compose-form'))))
    .then((xhr) => { if (!xhr || !xhr.getResponseHeader('HX-Redirect')) done(); }, done);
}

export function installSending() {
  $('compose-form').addEventListener('submit', send);
  $('undo-send').addEventListener('click', () => {
    if (state.sendingUid === null) return;
    api('DELETE', '/api/v1/drafts/' + state.sendingUid + '/send').catch(() => { /* too late: the send answers */ });
  });
  $('compose-discard').addEventListener('click', discard);
}
