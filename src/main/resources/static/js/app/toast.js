/*
 * Toasts and undo. The server asks for them with HX-Trigger events (ADR 0056): vm-toast {message} and
 * vm-undo {message, href}; the undo button posts to href and gets the list back.
 */
import { text } from './dom.js';

let toastTimer = 0;
let undoTimer = 0;

export function showToast(message) {
  const box = document.getElementById('toast');
  if (!box || !message) return;
  box.textContent = message;
  box.hidden = false;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => { box.hidden = true; }, 5000);
}

/** A toast whose text is a hidden element of the page (for what happens without the server: offline, failures). */
export function toastFrom(id) {
  showToast(text(id));
}

function offerUndo(message, href) {
  const box = document.getElementById('undo-toast');
  if (!box) return;
  document.getElementById('undo-text').textContent = message;
  box.dataset.href = href;
  box.hidden = false;
  window.clearTimeout(undoTimer);
  undoTimer = window.setTimeout(() => { box.hidden = true; }, 10000);
}

function undo() {
  const box = document.getElementById('undo-toast');
  const href = box && box.dataset.href;
  if (!href) return;
  box.hidden = true;
  delete box.dataset.href;
  htmx.ajax('POST', href, { target: '#list-pane', swap: 'innerHTML' });
}

export function installToasts() {
  document.body.addEventListener('vm-toast', (e) => showToast(e.detail && e.detail.message));
  document.body.addEventListener('vm-undo', (e) => { if (e.detail) offerUndo(e.detail.message, e.detail.href); });
  document.addEventListener('click', (e) => { if (e.target.closest && e.target.closest('#undo-button')) undo(); });
}
