/* Light and dark: the system's preference, or the choice remembered in localStorage (applied early by theme-early.js). */
const THEME_KEY = 'vaultmail-theme';

export function effectiveTheme() {
  const set = document.documentElement.dataset.theme;
  if (set === 'dark' || set === 'light') return set;
  return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function toggleTheme() {
  const next = effectiveTheme() === 'dark' ? 'light' : 'dark';
  document.documentElement.dataset.theme = next;
  try {
    window.localStorage.setItem(THEME_KEY, next);
  } catch (e) { /* private mode: the choice lasts for this page */ }
  document.dispatchEvent(new CustomEvent('vm-theme', { detail: next }));
}

export function installTheme() {
  document.addEventListener('click', (e) => { if (e.target.closest && e.target.closest('#theme-toggle')) toggleTheme(); });
}
