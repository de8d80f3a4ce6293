/* The letter as the form shows it: read for a save, filled in from a saved draft. Recipients are chips (recipients.js). */
import { installRecipients } from './recipients.js';
import { showFiles } from './attachments.js';
import { $, FIELDS, msg, state } from './state.js';

let recipients = null;

/** Wires the recipient fields; {@code onChange} is told when a chip comes or goes. */
export function installLetter(onChange) {
  recipients = installRecipients(FIELDS, { removeLabel: msg('msgRemove'), onChange });
}

/** The letter to save (what is still typed in a recipient field becomes a chip first). */
export function letter() {
  FIELDS.forEach((f) => { if ($('compose-' + f).value.trim()) recipients.commitInput(f); });
  return {
    from: $('compose-from').value || null,
    to: recipients.chipsOf('to'), cc: recipients.chipsOf('cc'), bcc: recipients.chipsOf('bcc'),
    subject: $('compose-subject').value,
    text: $('compose-text').value,
    markdown: true,
    inReplyTo: state.inReplyTo,
    references: state.references,
    original: state.original,
    keepAttachments: state.files.map((f) => f.index)
  };
}

/** Fills the form from a saved draft (a reload, a draft reopened from the Drafts folder, a reply or forward). */
export function fill(view) {
  const l = view.letter;
  state.uid = view.uid;
  state.inReplyTo = l.inReplyTo;
  state.references = l.references || [];
  state.original = l.original;
  if (l.from) $('compose-from').value = l.from;
  FIELDS.forEach((f) => (l[f] || []).forEach((v) => recipients.addChip(f, v)));
  $('compose-subject').value = l.subject || '';
  $('compose-text').value = (l.text || '').replace(/\r\n/g, '\n');
  if (l.original) $('compose-text').setSelectionRange(0, 0); // replies and forwards: above the quote
  showFiles(l.attachments || []);
}
