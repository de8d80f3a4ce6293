/*
 * The page's script (CSP script-src 'self'; no inline scripts, no eval): small ES modules, each installing its own
 * delegated listeners, because htmx swaps the panes in and out. The server drives the UI (ADR 0056); these modules
 * keep what only the browser knows: theme, selection, keys, focus, the message frame's size.
 */
import { installCsrfForHtmx } from '../lib/http.js';
import { $ } from './dom.js';
import { localizeDates } from './dates.js';
import { installDialogs } from './dialogs.js';
import { connectEvents } from './events.js';
import { frameSwappedIn, installFrame } from './frame.js';
import { installList, listSwapped, messageOpened, rowsSwapped } from './list.js';
import { fillFolderChoices, foldersSwapped, installOrganise, organiseSwapped, updateSelection } from './organise.js';
import { installShortcuts } from './shortcuts.js';
import { installTheme } from './theme.js';
import { installToasts, toastFrom } from './toast.js';

function listIn() {
  listSwapped();
  connectEvents();
  organiseSwapped();
}

function messageIn() {
  messageOpened();
  fillFolderChoices();
  frameSwappedIn();
}

function installHtmxLifecycle() {
  document.addEventListener('htmx:beforeSwap', (e) => {
    // a session that ended answers pages with a redirect to /signin: go there instead of showing it in a pane
    const url = e.detail.xhr && e.detail.xhr.responseURL;
    if (url && /\/signin(\?|$)/.test(new URL(url).pathname)) {
      e.detail.shouldSwap = false;
      window.location.assign('/signin');
    }
  });
  document.addEventListener('htmx:afterSettle', (e) => {
    const target = e.detail.target;
    if (!target) return;
    // HX-Reswap: none (read or flag changed): only out-of-band swaps happened, handled below; the list is as it was
    if (e.detail.xhr && e.detail.xhr.getResponseHeader('HX-Reswap') === 'none') return;
    localizeDates(target);
    if (target.id === 'list-pane') listIn();
    else updateSelection(); // more rows loaded: the page box and "select all" follow
    if (target.id === 'reading-pane' || $('#message', target)) messageIn();
  });
  // what the server sent out of band (ADR 0056): rows, the folders and their counts, the list after a job.
  // htmx raises this on each new element (not on the replaced target), sometimes more than once: all idempotent.
  document.addEventListener('htmx:oobAfterSwap', (e) => {
    const el = e.target;
    if (!el || !el.closest) return;
    localizeDates(el);
    if (el.classList.contains('list-inner')) listIn();
    else if (el.closest('#folder-pane')) foldersSwapped();
    else if (el.classList.contains('message-row')) { rowsSwapped(); updateSelection(); }
  });
  // a request that failed with no answer from the server (offline); answers with a problem come as toasts
  document.addEventListener('htmx:sendError', () => toastFrom('toast-offline'));
  document.addEventListener('htmx:responseError', (e) => {
    const xhr = e.detail.xhr;
    const get = !e.detail.requestConfig || e.detail.requestConfig.verb === 'get'; // a page that failed shows its own problem
    if (!get && xhr && !xhr.getResponseHeader('HX-Trigger')) toastFrom('toast-action-failed');
  });
  document.addEventListener('htmx:historyRestore', () => init());
}

function init() {
  localizeDates(document);
  // after a history restore the body's attributes are the old page's: take the folder from the list
  if (document.querySelector('#list-pane .list-inner')) listIn();
  if (document.getElementById('message')) messageIn();
  connectEvents();
}

installCsrfForHtmx();
installTheme();
installToasts();
installDialogs();
installFrame();
installList();
installShortcuts();
installOrganise();
installHtmxLifecycle();
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
