/* Keyboard shortcuts of the mail page (never while typing); the help dialog lists them. */
import { $, typing } from './dom.js';
import { cursorRow, rows, setCursor } from './list.js';
import { organiseKey, setRead } from './organise.js';

let pendingG = false;

function move(step) {
  const list = rows();
  if (!list.length) return;
  let index = list.findIndex((r) => r.classList.contains('is-cursor'));
  if (index < 0) index = list.findIndex((r) => $('.row-link[aria-current]', r));
  const next = index < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, index + step));
  setCursor(list[next]);
  const link = $('.row-link', list[next]);
  link.focus();
  link.scrollIntoView({ block: 'nearest' });
}

function openCursor() {
  const row = cursorRow();
  if (row) $('.row-link', row).click();
}

function phoneBack() {
  const app = document.getElementById('app');
  if (app && app.classList.contains('show-folders')) {
    app.classList.remove('show-folders');
    return;
  }
  const back = document.getElementById('back-to-list');
  if (back && window.matchMedia('(max-width: 720px)').matches) back.click();
}

export function showHelp() {
  const dialog = document.getElementById('help');
  if (dialog && !dialog.open) dialog.showModal();
}

/** Buttons of the reading pane (reply, reply all, forward, read / unread: forms the server renders). */
function clickIf(id) {
  const button = document.getElementById(id);
  if (button) button.click();
  return Boolean(button);
}

/** u: the open message's button, else the cursor row. */
function toggleRead() {
  if (clickIf('toggle-read')) return;
  const row = cursorRow();
  if (!row) return;
  setRead(Number(row.dataset.uid), row.classList.contains('is-unread'));
}

function onKey(e) {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  if (typing(e.target)) {
    if (e.key === 'Escape' && e.target.blur) e.target.blur();
    return;
  }
  const dialog = document.getElementById('help');
  if (dialog && dialog.open) return; // the dialog closes itself on Esc
  if (!document.getElementById('app')) return; // shortcuts only on the mail page
  if (pendingG) {
    pendingG = false;
    if (e.key === 'i') {
      e.preventDefault();
      const inbox = $('.folder-link[data-folder="INBOX"]');
      if (inbox) inbox.click(); else window.location.assign(document.body.dataset.inboxHref || '/mail');
      return;
    }
  }
  let handled = true;
  switch (e.key) {
    case 'j': move(1); break;
    case 'k': move(-1); break;
    case 'o': openCursor(); break;
    case 'ArrowDown': case 'ArrowUp': // within the list the arrows move like j and k (ADR 0053)
      if (e.target && e.target.closest && e.target.closest('#message-list')) move(e.key === 'ArrowDown' ? 1 : -1);
      else handled = false;
      break;
    case 'Enter':
      if (e.target && e.target.closest && e.target.closest('a, button')) handled = false; else openCursor();
      break;
    case 'u': toggleRead(); break;
    case 'c': window.location.assign('/compose'); break;
    case 'r': clickIf('start-reply'); break;
    case 'a': clickIf('start-reply-all'); break;
    case 'f': clickIf('start-forward'); break;
    case '/': { const q = document.getElementById('q'); if (q) q.focus(); break; }
    case 'g': pendingG = true; window.setTimeout(() => { pendingG = false; }, 1500); break;
    case '?': showHelp(); break;
    case 'Escape': phoneBack(); break;
    default: handled = organiseKey(e);
  }
  if (handled) e.preventDefault();
}

export function installShortcuts() {
  document.addEventListener('keydown', onKey);
  document.addEventListener('click', (e) => { if (e.target.closest && e.target.closest('#help-open')) showHelp(); });
}
