/*
 * The letter is the form (ADR 0057): recipients are chips with hidden inputs (recipients.js), what a reply or forward
 * refers to is hidden fields. Filled in here from a saved draft; read by the server from the form.
 */
import { installRecipients } from './recipients.js';
import { showFiles } from './attachments.js';
import { $, FIELDS, msg, setUid } from './state.js';

let recipients = null;

/** Wires the recipient fields; {@code onChange} is told when a chip comes or goes. */
export function installLetter(onChange) {
  recipients = installRecipients(FIELDS, { removeLabel: msg('msgRemove'), onChange });
}

/** What is still typed in a recipient field becomes a chip (before a save reads the form). */
export function commitTyped() {
  FIELDS.forEach((f) => { if ($('compose-' + f).value.trim()) recipients.commitInput(f); });
}

function hidden(name, value) {
  const input = document.createElement('input');
  input.type = 'hidden';
  input.name = name;
  input.value = value;
  return input;
}

/** Fills the form from a saved draft (a reload, a draft reopened from the Drafts folder, a reply or forward). */
export function fill(view) {
  const l = view.letter;
  setUid(view.uid);
  $('compose-in-reply-to').value = l.inReplyTo || '';
  $('compose-references').replaceChildren(...(l.references || []).map((r) => hidden('references', r)));
  $('compose-original-folder').value = l.original ? l.original.folder : '';
  $('compose-original-uid').value = l.original ? String(l.original.uid) : '';
  $('compose-original-kind').value = l.original ? l.original.kind : '';
  if (l.from) $('compose-from').value = l.from;
  FIELDS.forEach((f) => (l[f] || []).forEach((v) => recipients.addChip(f, v)));
  $('compose-subject').value = l.subject || '';
  $('compose-text').value = (l.text || '').replace(/\r\n/g, '\n');
  if (l.original) $('compose-text').setSelectionRange(0, 0); // replies and forwards: above the quote
  showFiles(l.attachments || []);
}
