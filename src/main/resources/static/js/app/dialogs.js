/* Dialogs, skip links and confirmations: keyboard and screen-reader behaviour shared by every page (ADR 0053). */

export function installDialogs() {
  // an open modal dialog keeps Tab and Shift-Tab inside, going round (WAI-ARIA dialog pattern)
  // (showModal makes the page behind inert, but Tab from the last control would leave the page for the browser)
  document.addEventListener('keydown', (e) => {
    const dialog = e.key === 'Tab' ? document.querySelector('dialog[open]') : null;
    if (!dialog) return;
    const stops = Array.prototype.filter.call(dialog.querySelectorAll('a[href], button, input, select, textarea, [tabindex]'),
      (el) => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0);
    if (!stops.length) return;
    const active = document.activeElement;
    const edge = e.shiftKey ? stops[0] : stops[stops.length - 1];
    if (!dialog.contains(active) || active === edge) {
      e.preventDefault();
      (e.shiftKey ? stops[stops.length - 1] : stops[0]).focus();
    }
  });

  // skip links move the keyboard focus itself, not only the scroll position
  // (a section or main is not focusable by default; without this the next Tab starts again at the top bar)
  document.addEventListener('click', (e) => {
    const link = e.target && e.target.closest ? e.target.closest('a.skip-link') : null;
    if (!link) return;
    const target = document.getElementById(link.hash.slice(1)) || document.querySelector('main');
    if (!target) return;
    e.preventDefault();
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  });

  // a form that destroys something asks first (folder deletion)
  document.addEventListener('submit', (e) => {
    const form = e.target;
    if (form && form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) e.preventDefault();
  });
}
