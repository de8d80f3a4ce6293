/* The composer's status line and problems: a problem names its field when it has one, else it goes above the form. */
import { $, msg } from './state.js';

export function setStatus(text, problem) {
  const s = $('save-status');
  s.textContent = text;
  s.classList.toggle('is-problem', !!problem);
}

export function clearErrors() {
  document.querySelectorAll('.field-error').forEach((p) => { p.hidden = true; p.textContent = ''; });
  $('compose-error').hidden = true;
}

/** Shows a text in a field's error slot ({@code error-FIELD}). */
export function fieldError(field, text) {
  const slot = $('error-' + field);
  slot.textContent = text;
  slot.hidden = false;
}

/** Shows a text above the form. */
export function formError(text) {
  $('compose-error').textContent = text;
  $('compose-error').hidden = false;
}

/** An Error from lib/http.js: its problem's detail under the field it names, or above the form. */
export function showProblem(err) {
  const problem = err && err.problem;
  const detail = problem && problem.detail ? problem.detail : (err && err.message) || '';
  const field = problem && problem.field ? String(problem.field) : '';
  const base = field.replace(/\[.*$/, '').replace(/\..*$/, '');
  const name = base === 'name' ? 'from' : base;
  if (name && $('error-' + name)) fieldError(name, detail);
  else formError(msg('msgFailed', detail));
}
