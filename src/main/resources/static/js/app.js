/*
 * Vaultmail's only script (CSP script-src 'self'; no inline scripts, no eval). Loaded in <head> without defer so
 * the theme is applied before the first paint; everything else waits for the DOM and uses event delegation,
 * because htmx swaps the panes in and out.
 */
(function () {
  'use strict';

  var THEME_KEY = 'vaultmail-theme';

  // ---------- theme: prefers-color-scheme, or the choice remembered in localStorage ----------
  function storedTheme() {
    try {
      var t = window.localStorage.getItem(THEME_KEY);
      return t === 'dark' || t === 'light' ? t : null;
    } catch (e) {
      return null;
    }
  }

  function effectiveTheme() {
    var set = document.documentElement.dataset.theme;
    if (set === 'dark' || set === 'light') return set;
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  var initial = storedTheme();
  if (initial) document.documentElement.dataset.theme = initial;

  function toggleTheme() {
    var next = effectiveTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    try {
      window.localStorage.setItem(THEME_KEY, next);
    } catch (e) { /* private mode: the choice lasts for this page */ }
    themeFrame(document.getElementById('message-frame'));
  }

  // ---------- CSRF: the cookie is HttpOnly, the token comes from a <meta> tag ----------
  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') : null;
  }

  function csrfHeaders() {
    var headers = {};
    var token = meta('csrf-token');
    if (token) headers[meta('csrf-header') || 'X-CSRF-TOKEN'] = token;
    return headers;
  }

  document.addEventListener('htmx:configRequest', function (e) {
    var headers = csrfHeaders();
    Object.keys(headers).forEach(function (k) { e.detail.headers[k] = headers[k]; });
  });

  // ---------- small helpers ----------
  function $(selector, root) { return (root || document).querySelector(selector); }
  function $all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

  function currentFolder() { return document.body.dataset.folder || 'INBOX'; }

  function toast(id) {
    var source = document.getElementById(id);
    var box = document.getElementById('toast');
    if (!source || !box) return;
    box.textContent = source.textContent;
    box.hidden = false;
    window.clearTimeout(toast.timer);
    toast.timer = window.setTimeout(function () { box.hidden = true; }, 5000);
  }

  function flagsUrl(folder, uid) {
    return '/api/v1/folders/' + encodeURIComponent(folder) + '/messages/' + uid + '/flags';
  }

  function badge(path) {
    return $('[data-unread-for="' + CSS.escape(path) + '"]');
  }

  function setUnread(path, unread) {
    var b = badge(path);
    if (b) {
      var count = $('.count', b);
      if (count) count.textContent = String(Math.max(0, unread));
      b.classList.toggle('is-zero', unread <= 0);
    }
    if (path === currentFolder()) setTitleCount(unread);
  }

  function unreadOf(path) {
    var b = badge(path);
    var count = b ? $('.count', b) : null;
    return count ? parseInt(count.textContent, 10) || 0 : 0;
  }

  function setTitleCount(unread) {
    var plain = document.title.replace(/^\(\d+\)\s+/, '');
    document.title = unread > 0 ? '(' + unread + ') ' + plain : plain;
  }

  // ---------- dates in the browser's time zone ----------
  function localizeDates(root) {
    var lang = document.documentElement.lang || undefined;
    var now = new Date();
    $all('time.date[datetime]', root).forEach(function (t) {
      var d = new Date(t.getAttribute('datetime'));
      if (isNaN(d.getTime())) return;
      var options = d.toDateString() === now.toDateString() ? { hour: '2-digit', minute: '2-digit' }
        : d.getFullYear() === now.getFullYear() ? { day: 'numeric', month: 'short' }
          : { day: 'numeric', month: 'short', year: 'numeric' };
      t.textContent = d.toLocaleString(lang, options);
      t.title = d.toLocaleString(lang, { dateStyle: 'full', timeStyle: 'short' });
    });
    $all('time.date-long[datetime]', root).forEach(function (t) {
      var d = new Date(t.getAttribute('datetime'));
      if (!isNaN(d.getTime())) t.textContent = d.toLocaleString(lang, { dateStyle: 'full', timeStyle: 'short' });
    });
  }

  // ---------- the message frame: same origin, no scripts inside; sized to its content ----------
  function themeFrame(frame) {
    try {
      if (frame && frame.contentDocument) frame.contentDocument.documentElement.dataset.theme = effectiveTheme();
    } catch (e) { /* not ready */ }
  }

  function sizeFrame(frame) {
    if (!frame) return;
    try {
      var body = frame.contentDocument && frame.contentDocument.body;
      if (!body) return;
      // the body's own height (not the document's, which is at least the frame's height), so it can shrink too
      var height = Math.ceil(Math.max(body.scrollHeight, body.getBoundingClientRect().height));
      var next = Math.max(120, height + 2) + 'px';
      if (frame.style.height !== next) frame.style.height = next;
    } catch (e) { /* not ready yet */ }
  }

  function frameLoaded(frame) {
    themeFrame(frame);
    sizeFrame(frame);
    try {
      var doc = frame.contentDocument;
      // shortcuts keep working after a click inside the message
      doc.addEventListener('keydown', onKey);
      // images arriving after load (cid parts, shown images) change the height; a narrower window is handled below.
      // (A ResizeObserver on the frame's body made Chromium report "ResizeObserver loop" errors on every message.)
      var later = function () {
        window.cancelAnimationFrame(frame.resizeFrame);
        frame.resizeFrame = window.requestAnimationFrame(function () { sizeFrame(frame); });
      };
      doc.addEventListener('load', later, true);
      doc.addEventListener('error', later, true);
    } catch (e) { /* ignore */ }
  }

  document.addEventListener('load', function (e) {
    if (e.target && e.target.id === 'message-frame') frameLoaded(e.target);
  }, true);

  window.addEventListener('resize', function () {
    window.clearTimeout(sizeFrame.timer);
    sizeFrame.timer = window.setTimeout(function () { sizeFrame(document.getElementById('message-frame')); }, 100);
  });

  // ---------- the list and the open message ----------
  function rows() { return $all('#message-list .message-row'); }

  function markOpen(uid) {
    rows().forEach(function (row) {
      var link = $('.row-link', row);
      var open = row.dataset.uid === String(uid);
      if (open) link.setAttribute('aria-current', 'true'); else link.removeAttribute('aria-current');
      row.classList.toggle('is-cursor', open);
    });
  }

  function rowOf(uid) {
    return $('#message-list .message-row[data-uid="' + CSS.escape(String(uid)) + '"]');
  }

  function messageOpened() {
    var article = document.getElementById('message');
    if (!article) return;
    markOpen(article.dataset.uid);
    var row = rowOf(article.dataset.uid);
    // the server marked it read while rendering; keep the list and the badge in step until the next count
    if (article.dataset.wasUnread === 'true' && row && row.classList.contains('is-unread')) {
      row.classList.remove('is-unread');
      setUnread(article.dataset.folder, unreadOf(article.dataset.folder) - 1);
    }
    article.dataset.unread = 'false';
    var frame = document.getElementById('message-frame');
    if (frame && frame.contentDocument && frame.contentDocument.readyState === 'complete' && frame.contentDocument.body
        && frame.contentDocument.body.childNodes.length) frameLoaded(frame);
  }

  function listSwapped() {
    var inner = $('#list-pane .list-inner');
    if (!inner) return;
    document.body.dataset.folder = inner.dataset.folder;
    if (inner.dataset.title) document.title = inner.dataset.title;
    $all('.folder-link[data-folder]').forEach(function (a) {
      if (a.dataset.folder === inner.dataset.folder) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
    var app = document.getElementById('app');
    if (app) app.classList.remove('show-folders');
    connectEvents();
  }

  function toggleRead() {
    var article = document.getElementById('message');
    var row = article ? rowOf(article.dataset.uid) : $('#message-list .message-row.is-cursor');
    if (!article && !row) return;
    var folder = article ? article.dataset.folder : currentFolder();
    var uid = article ? article.dataset.uid : row.dataset.uid;
    var unread = article ? article.dataset.unread === 'true' : row.classList.contains('is-unread');
    var body = unread ? { add: ['seen'] } : { remove: ['seen'] };
    var headers = csrfHeaders();
    headers['Content-Type'] = 'application/json';
    fetch(flagsUrl(folder, uid), { method: 'POST', headers: headers, body: JSON.stringify(body), credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error('status ' + response.status);
        var nowUnread = !unread;
        if (article) {
          article.dataset.unread = String(nowUnread);
          var button = document.getElementById('toggle-read');
          if (button) button.textContent = nowUnread ? button.dataset.labelRead : button.dataset.labelUnread;
        }
        var r = rowOf(uid);
        if (r) r.classList.toggle('is-unread', nowUnread);
        setUnread(folder, unreadOf(folder) + (nowUnread ? 1 : -1));
      })
      .catch(function () { toast('toast-flag-failed'); });
  }

  // ---------- keyboard shortcuts (never while typing) ----------
  var pendingG = false;

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || target.isContentEditable;
  }

  function move(step) {
    var list = rows();
    if (!list.length) return;
    var index = list.findIndex(function (r) { return r.classList.contains('is-cursor'); });
    if (index < 0) index = list.findIndex(function (r) { return $('.row-link[aria-current]', r); });
    var next = index < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, index + step));
    list.forEach(function (r) { r.classList.remove('is-cursor'); });
    list[next].classList.add('is-cursor');
    var link = $('.row-link', list[next]);
    link.focus();
    link.scrollIntoView({ block: 'nearest' });
  }

  function openCursor() {
    var row = $('#message-list .message-row.is-cursor');
    if (row) $('.row-link', row).click();
  }

  function phoneBack() {
    var app = document.getElementById('app');
    if (app && app.classList.contains('show-folders')) {
      app.classList.remove('show-folders');
      return;
    }
    var back = document.getElementById('back-to-list');
    if (back && window.matchMedia('(max-width: 720px)').matches) back.click();
  }

  function showHelp() {
    var dialog = document.getElementById('help');
    if (dialog && !dialog.open) dialog.showModal();
  }

  /** Reply, reply all, forward: the reading pane's buttons (POST forms that start a draft). */
  function clickIf(id) {
    var button = document.getElementById(id);
    if (button) button.click();
  }

  function onKey(e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (typing(e.target)) {
      if (e.key === 'Escape' && e.target.blur) e.target.blur();
      return;
    }
    var dialog = document.getElementById('help');
    if (dialog && dialog.open) return; // the dialog closes itself on Esc
    if (!document.getElementById('app')) return; // shortcuts only on the mail page
    if (pendingG) {
      pendingG = false;
      if (e.key === 'i') {
        e.preventDefault();
        var inbox = $('.folder-link[data-folder="INBOX"]');
        if (inbox) inbox.click(); else window.location.assign(document.body.dataset.inboxHref || '/mail');
        return;
      }
    }
    var handled = true;
    switch (e.key) {
      case 'j': move(1); break;
      case 'k': move(-1); break;
      case 'o': openCursor(); break;
      case 'Enter':
        if (e.target && e.target.closest && e.target.closest('a, button')) handled = false; else openCursor();
        break;
      case 'u': toggleRead(); break;
      case 'c': window.location.assign('/compose'); break;
      case 'r': clickIf('start-reply'); break;
      case 'a': clickIf('start-reply-all'); break;
      case 'f': clickIf('start-forward'); break;
      case '/': var q = document.getElementById('q'); if (q) q.focus(); break;
      case 'g': pendingG = true; window.setTimeout(function () { pendingG = false; }, 1500); break;
      case '?': showHelp(); break;
      case 'Escape': phoneBack(); break;
      default: handled = false;
    }
    if (handled) e.preventDefault();
  }

  document.addEventListener('keydown', onKey);

  // ---------- clicks ----------
  document.addEventListener('click', function (e) {
    var t = e.target;
    if (!t || !t.closest) return;
    if (t.closest('#theme-toggle')) toggleTheme();
    else if (t.closest('#help-open')) showHelp();
    else if (t.closest('#toggle-read')) toggleRead();
    else if (t.closest('#folders-toggle')) {
      var app = document.getElementById('app');
      var shown = app.classList.toggle('show-folders');
      t.closest('#folders-toggle').setAttribute('aria-expanded', String(shown));
    }
  });

  // ---------- htmx lifecycle ----------
  document.addEventListener('htmx:beforeSwap', function (e) {
    // a session that ended answers pages with a redirect to /signin: go there instead of showing it in a pane
    var url = e.detail.xhr && e.detail.xhr.responseURL;
    if (url && /\/signin(\?|$)/.test(new URL(url).pathname)) {
      e.detail.shouldSwap = false;
      window.location.assign('/signin');
    }
  });

  document.addEventListener('htmx:afterSettle', function (e) {
    var target = e.detail.target;
    if (!target) return;
    localizeDates(target);
    if (target.id === 'list-pane') listSwapped();
    if (target.id === 'reading-pane' || $('#message', target)) messageOpened();
  });

  document.addEventListener('htmx:oobAfterSwap', function (e) {
    if (e.detail.target) localizeDates(e.detail.target);
  });

  document.addEventListener('htmx:sendError', function () { toast('toast-offline'); });

  document.addEventListener('htmx:historyRestore', function () { init(); });

  // ---------- push: server-sent events for the open folder (reconnects by itself) ----------
  var events = null;

  function connectEvents() {
    if (!window.EventSource || !document.getElementById('app')) return;
    var folder = currentFolder();
    if (events && events.folder === folder) return;
    if (events) events.source.close();
    var source = new EventSource('/api/v1/events?folder=' + encodeURIComponent(folder));
    events = { source: source, folder: folder };
    source.addEventListener('counts', function (m) {
      var data = JSON.parse(m.data);
      if (data && typeof data.path === 'string') setUnread(data.path, data.unread);
    });
    source.addEventListener('new', function (m) {
      var data = JSON.parse(m.data);
      if (data && data.folder === currentFolder()) refreshFirstPage();
    });
    source.addEventListener('changed', function (m) {
      var data = JSON.parse(m.data);
      if (data && data.folder === currentFolder()) refreshFirstPage();
    });
  }

  /** New mail: merge the first page's new rows on top, keeping the open message and the scroll position. */
  function refreshFirstPage() {
    var inner = $('#list-pane .list-inner');
    var form = document.getElementById('list-tools');
    if (!inner || !form) return;
    var params = new URLSearchParams(new FormData(form));
    // only the default order (newest first, no search) has new mail on top
    if ((params.get('sort') || 'date') !== 'date' || (params.get('order') || 'desc') !== 'desc' || params.get('q')) return;
    params.delete('sort');
    params.delete('order');
    params.delete('q');
    var url = form.getAttribute('action') + '/rows?' + params.toString();
    fetch(url, { headers: { 'HX-Request': 'true' }, credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error('status ' + r.status); return r.text(); })
      .then(function (html) {
        var template = document.createElement('template');
        template.innerHTML = html;
        var list = document.getElementById('message-list');
        if (!list) {
          htmx.ajax('GET', form.getAttribute('action') + '?' + params.toString(), { target: '#list-pane' });
          return;
        }
        var scroller = document.getElementById('list-scroll');
        var before = list.scrollHeight;
        var first = list.firstElementChild;
        $all('.message-row', template.content).forEach(function (row) {
          if (rowOf(row.dataset.uid)) return;
          list.insertBefore(row, first);
          htmx.process(row);
          localizeDates(row);
        });
        if (scroller && scroller.scrollTop > 0) scroller.scrollTop += list.scrollHeight - before;
      })
      .catch(function () { /* the next event tries again */ });
  }

  // ---------- start ----------
  function init() {
    localizeDates(document);
    // after a history restore the body's attributes are the old page's: take the folder from the list
    if (document.querySelector('#list-pane .list-inner')) listSwapped();
    if (document.getElementById('message')) messageOpened();
    connectEvents();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
