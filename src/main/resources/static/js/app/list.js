/*
 * The message list and the open message: which folder is shown, the cursor row (j/k), the open row, the unread
 * badges and the tab title, and new mail merged on top of the first page.
 */
import { $, $all } from './dom.js';
import { localizeDates } from './dates.js';
import { fragment } from '../lib/http.js';

let cursorUid = null;

export function currentFolder() { return document.body.dataset.folder || 'INBOX'; }

export function rows() { return $all('#message-list .message-row'); }

export function rowOf(uid) {
  return $('#message-list .message-row[data-uid="' + CSS.escape(String(uid)) + '"]');
}

export function cursorRow() { return $('#message-list .message-row.is-cursor'); }

export function setCursor(row) {
  rows().forEach((r) => r.classList.remove('is-cursor'));
  if (row) row.classList.add('is-cursor');
  cursorUid = row ? row.dataset.uid : null;
}

function badge(path) { return $('[data-unread-for="' + CSS.escape(path) + '"]'); }

export function unreadOf(path) {
  const b = badge(path);
  const count = b ? $('.count', b) : null;
  return count ? parseInt(count.textContent, 10) || 0 : 0;
}

export function setUnread(path, unread) {
  const b = badge(path);
  if (b) {
    const count = $('.count', b);
    if (count) count.textContent = String(Math.max(0, unread));
    b.classList.toggle('is-zero', unread <= 0);
  }
  if (path === currentFolder()) setTitleCount(unread);
}

function setTitleCount(unread) {
  const plain = document.title.replace(/^\(\d+\)\s+/, '');
  document.title = unread > 0 ? '(' + unread + ') ' + plain : plain;
}

/** aria-current on the open message's row only; returns that row. */
function markOpen(uid) {
  let openRow = null;
  rows().forEach((row) => {
    const link = $('.row-link', row);
    const open = row.dataset.uid === String(uid);
    if (open) link.setAttribute('aria-current', 'true'); else link.removeAttribute('aria-current');
    if (open) openRow = row;
  });
  return openRow;
}

/** A message was opened: the server marked it read while rendering; keep its row and the badge in step. */
export function messageOpened() {
  const article = document.getElementById('message');
  if (!article) return;
  const row = markOpen(article.dataset.uid);
  setCursor(row);
  if (article.dataset.wasUnread === 'true' && row && row.classList.contains('is-unread')) {
    row.classList.remove('is-unread');
    setUnread(article.dataset.folder, unreadOf(article.dataset.folder) - 1);
  }
}

/** Rows came back from the server out of band (ADR 0056): the cursor, the open row and the tab title follow. */
export function rowsSwapped() {
  const article = document.getElementById('message');
  if (article) markOpen(article.dataset.uid);
  if (cursorUid !== null) { const row = rowOf(cursorUid); if (row) row.classList.add('is-cursor'); }
  setTitleCount(unreadOf(currentFolder()));
}

/** Another folder (or order, or search) is shown: the body, the title and the sidebar follow. */
export function listSwapped() {
  const inner = $('#list-pane .list-inner');
  if (!inner) return;
  document.body.dataset.folder = inner.dataset.folder;
  if (inner.dataset.title) document.title = inner.dataset.title;
  $all('.folder-link[data-folder]').forEach((a) => {
    if (a.dataset.folder === inner.dataset.folder) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  const app = document.getElementById('app');
  if (app) app.classList.remove('show-folders');
  cursorUid = null;
}

/** New mail: merge the first page's new rows on top, keeping the open message and the scroll position. */
export function refreshFirstPage() {
  const form = document.getElementById('list-tools');
  if (!$('#list-pane .list-inner') || !form) return;
  const params = new URLSearchParams(new FormData(form));
  // only the default order (newest first, no search) has new mail on top
  if ((params.get('sort') || 'date') !== 'date' || (params.get('order') || 'desc') !== 'desc' || params.get('q')) return;
  ['sort', 'order', 'q'].forEach((p) => params.delete(p));
  fragment(form.getAttribute('action') + '/rows?' + params.toString())
    .then((html) => {
      const template = document.createElement('template');
      template.innerHTML = html;
      const list = document.getElementById('message-list');
      if (!list) {
        htmx.ajax('GET', form.getAttribute('action') + '?' + params.toString(), { target: '#list-pane' });
        return;
      }
      const scroller = document.getElementById('list-scroll');
      const before = list.scrollHeight;
      const first = list.firstElementChild;
      $all('.message-row', template.content).forEach((row) => {
        if (rowOf(row.dataset.uid)) return;
        list.insertBefore(row, first);
        htmx.process(row);
        localizeDates(row);
      });
      if (scroller && scroller.scrollTop > 0) scroller.scrollTop += list.scrollHeight - before;
    })
    .catch(() => { /* the next event tries again */ });
}

export function installList() {
  document.addEventListener('click', (e) => {
    const toggle = e.target.closest && e.target.closest('#folders-toggle');
    if (!toggle) return;
    const shown = document.getElementById('app').classList.toggle('show-folders');
    toggle.setAttribute('aria-expanded', String(shown));
  });
}
