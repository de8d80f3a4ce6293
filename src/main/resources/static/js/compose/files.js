/*
 * Attaching files: chosen or dropped, each uploaded on its own with a progress bar once the draft exists (a file
 * larger than the limit is refused before it goes anywhere); a removed file is left out of the next save.
 */
import { postForm } from '../lib/http.js';
import { fieldError } from './problems.js';
import { save, savedHere, saveNow } from './saving.js';
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

/**
 * One file to the saved draft (ADR 0057): posted the htmx way from #compose-upload (hx-encoding multipart), its
 * progress from htmx:xhr:progress; the answer swaps in the files as a save does. Resolves when it is attached.
 */
function post(file, bar) {
  if (state.uid === null) return Promise.reject(new Error('not saved'));
  const box = $('compose-upload');
  const progress = (e) => { if (e.detail.lengthComputable) { bar.max = e.detail.total; bar.value = e.detail.loaded; } };
  box.addEventListener('htmx:xhr:progress', progress);
  const done = () => box.removeEventListener('htmx:xhr:progress', progress);
  return postForm('/compose/draft/attachments', box, { uid: String(state.uid), file }).then((xhr) => {
    done();
    if (xhr && xhr.status >= 200 && xhr.status < 300) return;
    const status = xhr ? xhr.status : 0; // a refusal (400, 413, 429) names its problem; else the upload failed
    throw Object.assign(new Error('HTTP ' + status), { shown: status === 400 || status === 413 || status === 429 });
  }, (err) => { done(); throw err; });
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
    .then(() => serial(() => post(file, bar).then(() => { li.remove(); savedHere(); })))
    .catch((err) => {
      li.remove();
      if (!err || !err.shown) fieldError('attachments', msg('msgUploadFailed', file.name));
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
