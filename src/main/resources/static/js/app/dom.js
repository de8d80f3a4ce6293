/* Small DOM helpers shared by the page's modules. */

export function $(selector, root) { return (root || document).querySelector(selector); }

export function $all(selector, root) { return Array.from((root || document).querySelectorAll(selector)); }

/** A text of the page in the user's language (hidden elements rendered by the server), with {0} and {1} filled in. */
export function text(id, a, b) {
  const el = document.getElementById(id);
  const t = el ? (el.dataset.template || el.textContent) : '';
  return t.replace('{0}', a === undefined ? '' : a).replace('{1}', b === undefined ? '' : b);
}

/** Whether a key press belongs to a field being typed in (shortcuts never fire there). */
export function typing(target) {
  if (!target || !target.tagName) return false;
  const tag = target.tagName.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || target.isContentEditable;
}
