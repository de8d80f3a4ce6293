/*
 * Sending with undo (ADR 0057): the draft is saved, then its form posted to /compose/send with the page's idempotency
 * token; the server holds it for the undo delay while a countdown shows, and Undo (/compose/undo) cancels it.
 */
import { postForm } from '../lib/http.js';
import { clearErrors, formError } from './problems.js';
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

/**
 * Posts the form to /compose/send (ADR 0057) with the page's idempotency token; the server waits out the undo delay
 * and answers HX-Redirect to the mail (htmx follows it), or a refusal it shows itself (a cancelled send: 409).
 */
function postSend() {
  return postForm('/compose/send', $('compose-form')).then((xhr) => {
    const status = xhr ? xhr.status : 0;
    if (status >= 200 && status < 300) return;
    throw Object.assign(new Error('HTTP ' + status), { status, shown: true });
  });
}

function send(e) {
  e.preventDefault();
  if (state.sendingUid !== null) return;
  clearErrors();
  state.dirty = state.dirty || state.uid === null;
  $('compose-send').disabled = true;
  save().then(() => serial(() => {
    state.sendingUid = state.uid;
    state.sent = true; // no autosave and no "leave the page?" while it goes out
    startCountdown();
    return postSend();
  })).then(() => {
    stopSaving();
    hideSending();
  }, (err) => {
    hideSending();
    state.sent = false;
    state.sendingUid = null;
    $('compose-send').disabled = false;
    if (err && !err.shown) formError(msg('msgFailed', err.message || '')); // offline; refusals came with their text
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
    postForm('/compose/undo', $('undo-send'), { uid: String(state.sendingUid) }).catch(() => { /* too late: the send answers */ });
  });
  $('compose-discard').addEventListener('click', discard);
}
