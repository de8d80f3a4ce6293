/*
 * The only classic script of the page shell: loaded in <head> without defer so the theme remembered in localStorage
 * is applied before the first paint (no flash of the wrong theme). Everything else is an ES module (app/main.js).
 */
(function () {
  'use strict';
  try {
    var t = window.localStorage.getItem('vaultmail-theme');
    if (t === 'dark' || t === 'light') document.documentElement.dataset.theme = t;
  } catch (e) { /* private mode: the system's preference */ }
})();
