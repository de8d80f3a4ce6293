/*
 * The composer's shared state (ADR 0016, 0057): the draft being written, the page's texts in the user's language
 * (data-msg-* of #compose), and the one queue every server write runs through (each save makes a new draft UID).
 */

export const root = document.getElementById('compose');

export const FIELDS = ['to', 'cc', 'bcc'];

export function $(id) { return document.getElementById(id); }

/** A text of the page (data-msg-NAME on #compose) with {0} filled in. */
export function msg(name, arg) {
  return ((root && root.dataset[name]) || '').replace('{0}', arg == null ? '' : arg).replace('{1}', '');
}

export const state = {
  uid: root && root.dataset.draft ? parseInt(root.dataset.draft, 10) : null,
  dirty: false, saving: false, sent: false, sendingUid: null
};

let queue = Promise.resolve();

/** Runs server writes one at a time, in order. */
export function serial(fn) {
  const next = queue.then(fn, fn);
  queue = next.catch(() => { /* the caller handles it */ });
  return next;
}

/** The draft's UID (null before the first save), in the state and in the form's hidden {@code uid}. */
export function setUid(uid) {
  state.uid = uid;
  $('compose-uid').value = uid === null ? '' : String(uid);
}
