/* Dates in the browser's time zone and the page's language (the server sends ISO instants in datetime). */
import { $all } from './dom.js';

export function localizeDates(root) {
  const lang = document.documentElement.lang || undefined;
  const now = new Date();
  $all('time.date[datetime]', root).forEach((t) => {
    const d = new Date(t.getAttribute('datetime'));
    if (isNaN(d.getTime())) return;
    const options = d.toDateString() === now.toDateString() ? { hour: '2-digit', minute: '2-digit' }
      : d.getFullYear() === now.getFullYear() ? { day: 'numeric', month: 'short' }
        : { day: 'numeric', month: 'short', year: 'numeric' };
    t.textContent = d.toLocaleString(lang, options);
    t.title = d.toLocaleString(lang, { dateStyle: 'full', timeStyle: 'short' });
  });
  $all('time.date-long[datetime]', root).forEach((t) => {
    const d = new Date(t.getAttribute('datetime'));
    if (!isNaN(d.getTime())) t.textContent = d.toLocaleString(lang, { dateStyle: 'full', timeStyle: 'short' });
  });
}
