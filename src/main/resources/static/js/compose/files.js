/*
 * Attaching files: chosen or dropped, each uploaded on its own with a progress bar once the draft exists (a file
 * larger than the limit is refused before it goes anywhere); a removed file is left out of the next save.
 */
import { csrfHeaders } from '../lib/http.js';
import { fieldError, showProblem } from './problems.js';
import { save, saved, saveNow } from './saving.js';
import { $, msg, serial, state } from './state.js';

function uploadingRow(file) {
  const li = document.createElement('li');
  li.className = 'uploading';
  const name = document.createElement('span');
  name.textContent = file.name;
  const bar = document.createElement('progress');
  bar.max = file.size || 1;
  bar.value = 0;
  li.append(name, bar);
  $('compose-uploads').appendChild(li);
  return { li, bar };
}

/** One file to the saved draft, with its progress on {@code bar}; resolves with the draft's new version. */
function post(file, bar) {
  return new Promise((resolve, reject) => {
    if (state.uid === null) { reject(new Error('not saved')); return; }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/drafts/' + state.uid + '/attachments');
    const h = csrfHeaders(false);
    Object.keys(h).forEach((k) => xhr.setRequestHeader(k, h[k]));
    xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable) { bar.max = e.total; bar.value = e.loaded; } });
    xhr.addEventListener('load', () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
      if (xhr.status === 200 && data) { resolve(data); return; }
      const err = new Error('HTTP ' + xhr.status);
      err.status = xhr.status;
      err.problem = data;
      reject(err);
    });
    xhr.addEventListener('error', () => reject(new Error('network')));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

function upload(file) {
  const maxFile = parseInt($('compose').dataset.maxFile, 10) || 0;
  if (maxFile && file.size > maxFile) {
    fieldError('attachments', msg('msgTooBig', file.name));
    return;
  }
  const { li, bar } = uploadingRow(file);
  state.dirty = state.dirty || state.uid === null;
  save().catch(() => { })
    .then(() => serial(() => post(file, bar).then((view) => { li.remove(); saved(view); })))
    .catch((err) => {
      li.remove();
      if (err && err.problem) showProblem(err);
      else fieldError('attachments', msg('msgUploadFailed', file.name));
    });
}

function uploadAll(files) {
  $('error-attachments').hidden = true;
  Array.prototype.forEach.call(files, upload);
}

export function installFiles() {
  $('compose-attachments').addEventListener('click', (e) => {
    const remove = e.target.closest('.file-remove');
    if (!remove) return;
    remove.closest('li').remove(); // with its hidden "keep" field: the next save leaves the file out
    saveNow();
  });
  $('compose-files').addEventListener('change', (e) => {
    uploadAll(e.target.files);
    e.target.value = '';
  });
  const zone = $('compose-form');
  zone.addEventListener('dragover', (e) => {
    if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, 'Files') >= 0) {
      e.preventDefault();
      $('drop-zone').classList.add('is-dragover');
    }
  });
  zone.addEventListener('dragleave', () => $('drop-zone').classList.remove('is-dragover'));
  zone.addEventListener('drop', (e) => {
    $('drop-zone').classList.remove('is-dragover');
    if (!e.dataTransfer || !e.dataTransfer.files.length) return;
    e.preventDefault();
    uploadAll(e.dataTransfer.files);
  });
}
