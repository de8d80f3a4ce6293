/*
 * The saved draft's files as the page first shows them (name, size in the page's language, a remove button, the
 * hidden "keep" field a save posts). After that a save or an upload answers this list as HTML (ADR 0057).
 */
import { $, msg } from './state.js';

// sizes in the page's language: units from the bundles (data-msg-size-*), numbers by Intl ("1,5 MB", "1,5 Mo")
function human(bytes) {
  const lang = document.documentElement.lang || undefined;
  if (bytes >= 1048576) return msg('msgSizeMb', (bytes / 1048576).toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
  if (bytes >= 1024) return msg('msgSizeKb', Math.round(bytes / 1024).toLocaleString(lang));
  return msg('msgSizeBytes', bytes.toLocaleString(lang));
}

function span(className, text) {
  const s = document.createElement('span');
  s.className = className;
  s.textContent = text;
  return s;
}

export function showFiles(files) {
  $('compose-saved-files').replaceChildren(...files.map((f) => {
    const li = document.createElement('li');
    li.className = 'saved';
    li.dataset.index = String(f.index);
    const keep = document.createElement('input');
    keep.type = 'hidden';
    keep.name = 'keep';
    keep.value = String(f.index);
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'button subtle file-remove';
    remove.textContent = msg('msgRemove');
    li.append(keep, span('file-name', f.filename), span('file-size', human(f.size)), remove);
    return li;
  }));
}
