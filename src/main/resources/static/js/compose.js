/*
 * The composer (ADR 0016, 0057): wires its modules under compose/ and opens the draft. No inline script: CSP 'self'.
 * state.js (the draft, the texts, the serial queue), letter.js + recipients.js (the form), saving.js (autosave,
 * save on leave), files.js + attachments.js (uploads with progress, the file list), sending.js (send, undo,
 * discard), problems.js (status line and errors). Saves post the form the htmx way (ADR 0057); lib/http.js is the
 * one CSRF helper.
 */
import { api } from './lib/http.js';
import { installFiles } from './compose/files.js';
import { fill, installLetter } from './compose/letter.js';
import { setStatus, showProblem } from './compose/problems.js';
import { changed, installSaving, saved } from './compose/saving.js';
import { installSending } from './compose/sending.js';
import { $, msg, root, setUid, state } from './compose/state.js';

function start() {
  installLetter(changed);
  installSaving();
  installFiles();
  installSending();
  if (state.uid !== null) {
    setStatus(msg('msgSaving'));
    api('GET', '/api/v1/drafts/' + state.uid).then((view) => {
      fill(view);
      saved(view);
    }, (err) => { showProblem(err); setStatus(msg('msgUnsaved'), true); setUid(null); });
  } else {
    const from = $('compose-from');
    const signature = from.options.length ? from.options[from.selectedIndex].dataset.signature : null;
    if (signature) {
      $('compose-text').value = '\n\n-- \n' + signature;
      $('compose-text').setSelectionRange(0, 0); // the user writes above the signature
    }
  }
  $('compose-' + (state.uid === null ? 'to' : 'text')).focus();
}

if (root) start();
