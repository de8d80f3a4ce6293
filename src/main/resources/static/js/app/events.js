/* Push: server-sent events for the open folder (the browser reconnects by itself). */
import { currentFolder, refreshFirstPage, setUnread } from './list.js';

let events = null;

export function connectEvents() {
  if (!window.EventSource || !document.getElementById('app')) return;
  const folder = currentFolder();
  if (events && events.folder === folder) return;
  if (events) events.source.close();
  const source = new EventSource('/api/v1/events?folder=' + encodeURIComponent(folder));
  events = { source, folder };
  source.addEventListener('counts', (m) => {
    const data = JSON.parse(m.data);
    if (data && typeof data.path === 'string') setUnread(data.path, data.unread);
  });
  const refresh = (m) => {
    const data = JSON.parse(m.data);
    if (data && data.folder === currentFolder()) refreshFirstPage();
  };
  source.addEventListener('new', refresh);
  source.addEventListener('changed', refresh);
}
