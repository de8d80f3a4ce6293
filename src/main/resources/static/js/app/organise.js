/*
 * Organising (ADR 0018, hypermedia since ADR 0056): the selection lives in the page (ticked rows, shift ranges,
 * "select all in the folder"); every action is an htmx POST to /mail/{folder}/actions whose answer is HTML: changed
 * rows and counts out of band, the list afresh, or a progress fragment that polls itself. Toasts and undo arrive as
 * HX-Trigger events (toast.js). This module only gathers what to act on and asks before deleting for good.
 */
import { $, $all, text } from './dom.js';
import { currentFolder, cursorRow, rowOf, rowsSwapped } from './list.js';

const selection = { all: false, last: null };
let dragged = null;

function rowBoxes() { return $all('#message-list .message-row > .row-select'); }

function selectedUids() {
  return rowBoxes().filter((c) => c.checked).map((c) => Number(c.value));
}

export function updateSelection() {
  const bar = document.getElementById('bulk-bar');
  if (!bar) return;
  const boxes = rowBoxes();
  if (selection.all) boxes.forEach((c) => { c.checked = true; }); // rows loaded since "select all"
  const uids = selectedUids();
  const total = parseInt(bar.dataset.total, 10) || 0;
  if (uids.length < boxes.length) selection.all = false;
  const n = selection.all ? total : uids.length;
  const count = document.getElementById('selection-count');
  count.textContent = n > 0 ? count.dataset.template.replace('{0}', String(n)) : '';
  bar.classList.toggle('has-selection', n > 0);
  boxes.forEach((c) => c.closest('.message-row').classList.toggle('is-selected', c.checked));
  const page = document.getElementById('select-page');
  page.checked = boxes.length > 0 && uids.length === boxes.length;
  document.getElementById('select-all-folder').hidden = !(page.checked && total > boxes.length && !selection.all);
  document.getElementById('bulk-all').disabled = !selection.all;
}

/** A click on a row's box; with Shift, every box between it and the last one clicked takes its state. */
function rowBoxClicked(box, shift) {
  if (!box.checked) selection.all = false;
  const boxes = rowBoxes();
  const index = boxes.indexOf(box);
  if (shift && selection.last !== null && selection.last < boxes.length) {
    const from = Math.min(index, selection.last);
    const to = Math.max(index, selection.last);
    for (let i = from; i <= to; i++) boxes[i].checked = box.checked;
  }
  selection.last = index;
  updateSelection();
}

/** The move and copy menus list every folder but the open one (from the sidebar, which the server keeps current). */
export function fillFolderChoices() {
  const current = currentFolder();
  const folders = $all('#folder-pane .folder-link[data-folder]').map((a) => ({
    path: a.dataset.folder, name: ($('.folder-name', a) || a).textContent.trim()
  }));
  const key = current + '\n' + folders.map((f) => f.path).join('\n');
  $all('select.folder-choice').forEach((select) => {
    if (select.dataset.filled === key) return;
    while (select.options.length > 1) select.remove(1);
    folders.forEach((f) => {
      if (f.path === current) return;
      const option = document.createElement('option');
      option.value = f.path;
      option.textContent = f.name === f.path ? f.name : f.name + ' (' + f.path + ')';
      select.appendChild(option);
    });
    select.dataset.filled = key;
  });
}

/** Deleting in Trash, or where there is no Trash, is for good: ask first (nothing is lost by accident). */
function deletesForGood() {
  const trash = $('#folder-pane .folder-link[data-role="trash"]');
  return !trash || trash.dataset.folder === currentFolder();
}

function confirmsDelete() {
  return !deletesForGood() || window.confirm(text('str-delete-for-good'));
}

/** The list as shown (sort, order, search): the answer renders the same list. */
function listState() {
  const form = document.getElementById('list-state');
  return form ? Object.fromEntries(new FormData(form)) : {};
}

/** Acts on {@code uids}, or on the selection when null (all of the folder after "select all"). */
function act(action, uids, to) {
  if (action === 'delete' && !confirmsDelete()) return;
  const values = Object.assign(listState(), { action });
  if (uids) {
    values.uid = uids;
  } else if (selection.all) {
    values.all = 'true';
  } else {
    values.uid = selectedUids();
    values.keep = 'true';
  }
  if (!values.all && !values.uid.length) return;
  if (to) values.to = to;
  const article = document.getElementById('message');
  if (article) values.open = article.dataset.uid;
  htmx.ajax('POST', '/mail/' + encodeURIComponent(currentFolder()) + '/actions',
    { target: '#list-pane', swap: 'innerHTML', values });
}

/** Marks one message read or unread (u on the cursor row). */
export function setRead(uid, read) {
  act(read ? 'seen' : 'unseen', [uid]);
}

/** The messages a shortcut acts on: the selection (null), else the open message, else the cursor row. */
function target() {
  if (selection.all || selectedUids().length) return null;
  const article = document.getElementById('message');
  if (article) return [Number(article.dataset.uid)];
  const row = cursorRow();
  return row ? [Number(row.dataset.uid)] : [];
}

function actOnTarget(action, to) {
  const uids = target();
  if (uids && !uids.length) return;
  act(action, uids, to);
}

/** s: the open message's own button knows its state; otherwise the first target row's flag decides. */
function toggleFlag() {
  const uids = target();
  const article = document.getElementById('message');
  const button = document.getElementById('toggle-flag');
  if (uids && article && button && uids[0] === Number(article.dataset.uid)) {
    button.click();
    return;
  }
  if (uids && !uids.length) return;
  const row = uids ? rowOf(uids[0]) : null;
  act(row && $('.marker.flagged', row) ? 'unflag' : 'flag', uids);
}

/** Keys for organising (Gmail's): x select, e archive, # or Delete delete, ! junk, s flag, Shift+I / Shift+U read / unread. */
export function organiseKey(e) {
  switch (e.key) {
    case 'x': {
      const row = cursorRow();
      const box = row ? $('.row-select', row) : null;
      if (box) { box.checked = !box.checked; rowBoxClicked(box, false); }
      return true;
    }
    case 'e': actOnTarget('archive'); return true;
    case '#': case 'Delete': actOnTarget('delete'); return true;
    case '!': actOnTarget('junk'); return true;
    case 's': toggleFlag(); return true;
    case 'I': actOnTarget('seen'); return true;
    case 'U': actOnTarget('unseen'); return true;
    default: return false;
  }
}

/** A new list is in: nothing selected, "Empty" shown in Trash and Junk, the menus filled. */
export function organiseSwapped() {
  selection.all = false;
  selection.last = null;
  foldersSwapped();
  updateSelection();
}

/** The sidebar (roles, names) is new: "Empty" for Trash and Junk, the move and copy menus. */
export function foldersSwapped() {
  const empty = document.getElementById('empty-folder');
  const link = $('#folder-pane .folder-link[data-folder="' + CSS.escape(currentFolder()) + '"]');
  if (empty) empty.hidden = !(link && (link.dataset.role === 'trash' || link.dataset.role === 'junk'));
  fillFolderChoices();
  rowsSwapped();
}

function dropTarget(e) {
  return e.target && e.target.closest ? e.target.closest('#folder-pane .folder-link[data-folder]') : null;
}

export function installOrganise() {
  document.addEventListener('click', (e) => {
    const t = e.target;
    if (!t || !t.closest) return;
    const box = t.closest('#message-list .row-select');
    if (box) { rowBoxClicked(box, e.shiftKey); return; }
    if (t.closest('#select-page')) {
      const on = t.closest('#select-page').checked;
      selection.all = false;
      rowBoxes().forEach((c) => { c.checked = on; });
      updateSelection();
    } else if (t.closest('#select-all-folder')) {
      selection.all = true;
      updateSelection();
    }
  });

  // deleting for good asks first, whether the bulk bar or the reading pane's button sent it
  document.addEventListener('htmx:confirm', (e) => {
    const submitter = e.detail.triggerEvent && e.detail.triggerEvent.submitter;
    const action = submitter ? submitter.value : null;
    if (action !== 'delete' || !deletesForGood()) return;
    e.preventDefault();
    if (window.confirm(text('str-delete-for-good'))) e.detail.issueRequest(true);
  });

  document.addEventListener('change', (e) => {
    const select = e.target;
    if (!select || !select.matches || !select.matches('select.folder-choice') || !select.value) return;
    const to = select.value;
    select.value = '';
    if (select.dataset.messageAction) {
      const article = document.getElementById('message');
      if (article) act('move', [Number(article.dataset.uid)], to);
    } else {
      act(select.dataset.bulk, null, to);
    }
  });

  // drag rows (the selection, if the row is in it) onto a folder of the sidebar
  document.addEventListener('dragstart', (e) => {
    const row = e.target && e.target.closest ? e.target.closest('#message-list .message-row[draggable]') : null;
    if (!row) return;
    const box = $('.row-select', row);
    dragged = box && box.checked ? (selection.all ? null : selectedUids()) : [Number(row.dataset.uid)];
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', row.dataset.uid);
    row.classList.add('is-dragged');
  });
  document.addEventListener('dragover', (e) => {
    const folder = dropTarget(e);
    if (!folder || folder.dataset.folder === currentFolder()) return;
    e.preventDefault();
    folder.classList.add('is-drop');
  });
  document.addEventListener('dragleave', (e) => {
    const folder = dropTarget(e);
    if (folder) folder.classList.remove('is-drop');
  });
  document.addEventListener('drop', (e) => {
    const folder = dropTarget(e);
    if (!folder || folder.dataset.folder === currentFolder()) return;
    e.preventDefault();
    folder.classList.remove('is-drop');
    const uids = dragged;
    dragged = null;
    act('move', uids, folder.dataset.folder);
  });
  document.addEventListener('dragend', () => {
    $all('.message-row.is-dragged').forEach((r) => r.classList.remove('is-dragged'));
  });
}
