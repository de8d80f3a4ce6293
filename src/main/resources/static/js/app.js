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
    fillFolderChoices();
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
    organiseSwapped();
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
      case 'ArrowDown': case 'ArrowUp': // within the list the arrows move like j and k (ADR 0053)
        if (e.target && e.target.closest && e.target.closest('#message-list')) move(e.key === 'ArrowDown' ? 1 : -1);
        else handled = false;
        break;
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
      default: handled = organiseKey(e);
    }
    if (handled) e.preventDefault();
  }

  document.addEventListener('keydown', onKey);

  // ---------- an open modal dialog keeps Tab and Shift-Tab inside, going round (WAI-ARIA dialog pattern) ----------
  // (showModal makes the page behind inert, but Tab from the last control would leave the page for the browser)
  document.addEventListener('keydown', function (e) {
    var dialog = e.key === 'Tab' ? document.querySelector('dialog[open]') : null;
    if (!dialog) return;
    var stops = Array.prototype.filter.call(dialog.querySelectorAll('a[href], button, input, select, textarea, [tabindex]'),
      function (el) { return !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0; });
    if (!stops.length) return;
    var active = document.activeElement;
    var edge = e.shiftKey ? stops[0] : stops[stops.length - 1];
    if (!dialog.contains(active) || active === edge) {
      e.preventDefault();
      (e.shiftKey ? stops[stops.length - 1] : stops[0]).focus();
    }
  });

  // ---------- skip links: move the keyboard focus itself, not only the scroll position ----------
  // (a section or main is not focusable by default; without this the next Tab starts again at the top bar)
  document.addEventListener('click', function (e) {
    var link = e.target && e.target.closest ? e.target.closest('a.skip-link') : null;
    if (!link) return;
    var target = document.getElementById(link.hash.slice(1)) || document.querySelector('main');
    if (!target) return;
    e.preventDefault();
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  });

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
    else updateSelection(); // more rows loaded: the page box and "select all" follow
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

  // ---------- organising: selection, actions, drag and drop, undo, progress (ADR 0018) ----------
  var selection = { all: false, last: null };
  var dragged = null;

  function apiCall(method, url, body) {
    var headers = csrfHeaders();
    if (body) headers['Content-Type'] = 'application/json';
    return fetch(url, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined, credentials: 'same-origin' });
  }

  function text(id, a, b) {
    var el = document.getElementById(id);
    var t = el ? (el.dataset.template || el.textContent) : '';
    return t.replace('{0}', a === undefined ? '' : a).replace('{1}', b === undefined ? '' : b);
  }

  function showToast(message) {
    var box = document.getElementById('toast');
    if (!box) return;
    box.textContent = message;
    box.hidden = false;
    window.clearTimeout(toast.timer);
    toast.timer = window.setTimeout(function () { box.hidden = true; }, 5000);
  }

  function rowBoxes() { return $all('#message-list .message-row > .row-select'); }

  function selectedUids() {
    return rowBoxes().filter(function (c) { return c.checked; }).map(function (c) { return Number(c.value); });
  }

  function updateSelection() {
    var bar = document.getElementById('bulk-bar');
    if (!bar) return;
    var boxes = rowBoxes();
    if (selection.all) boxes.forEach(function (c) { c.checked = true; }); // rows loaded since "select all"
    var uids = selectedUids();
    var total = parseInt(bar.dataset.total, 10) || 0;
    if (uids.length < boxes.length) selection.all = false;
    var n = selection.all ? total : uids.length;
    var count = document.getElementById('selection-count');
    count.textContent = n > 0 ? count.dataset.template.replace('{0}', String(n)) : '';
    bar.classList.toggle('has-selection', n > 0);
    boxes.forEach(function (c) { c.closest('.message-row').classList.toggle('is-selected', c.checked); });
    var page = document.getElementById('select-page');
    page.checked = boxes.length > 0 && uids.length === boxes.length;
    var all = document.getElementById('select-all-folder');
    all.hidden = !(page.checked && total > boxes.length && !selection.all);
  }

  function clearSelection() {
    selection.all = false;
    selection.last = null;
    rowBoxes().forEach(function (c) { c.checked = false; });
    updateSelection();
  }

  /** A click on a row's box; with Shift, every box between it and the last one clicked takes its state. */
  function rowBoxClicked(box, shift) {
    if (!box.checked) selection.all = false;
    var boxes = rowBoxes();
    var index = boxes.indexOf(box);
    if (shift && selection.last !== null && selection.last < boxes.length) {
      var from = Math.min(index, selection.last);
      var to = Math.max(index, selection.last);
      for (var i = from; i <= to; i++) boxes[i].checked = box.checked;
    }
    selection.last = index;
    updateSelection();
  }

  function fillFolderChoices() {
    var current = currentFolder();
    var folders = $all('#folder-pane .folder-link[data-folder]').map(function (a) {
      return { path: a.dataset.folder, name: ($('.folder-name', a) || a).textContent.trim() };
    });
    $all('select.folder-choice').forEach(function (select) {
      if (select.dataset.filled === current) return;
      while (select.options.length > 1) select.remove(1);
      folders.forEach(function (f) {
        if (f.path === current) return;
        var option = document.createElement('option');
        option.value = f.path;
        option.textContent = f.name === f.path ? f.name : f.name + ' (' + f.path + ')';
        select.appendChild(option);
      });
      select.dataset.filled = current;
    });
  }

  function listUrl() {
    var form = document.getElementById('list-tools');
    if (!form) return null;
    var params = new URLSearchParams(window.location.search);
    var query = params.toString();
    return form.getAttribute('action') + (query ? '?' + query : '');
  }

  function reloadList() {
    var url = listUrl();
    if (url) htmx.ajax('GET', url, { target: '#list-pane' });
  }

  /** Runs {@code action} on the selection (or on {@code uids}); big ones come back as a job, polled with a progress bar. */
  /** Deleting in Trash, or where there is no Trash, is for good: ask first (nothing is lost by accident). */
  function deletesForGood() {
    var trash = $('#folder-pane .folder-link[data-role="trash"]');
    return !trash || trash.dataset.folder === currentFolder();
  }

  function act(action, uids, to) {
    var folder = currentFolder();
    if (action === 'delete' && deletesForGood() && !window.confirm(text('str-delete-for-good'))) return Promise.resolve();
    var body = { action: action };
    if (!uids && selection.all) {
      body.all = true;
      var q = new URLSearchParams(window.location.search).get('q');
      if (q) body.q = q;
    } else {
      body.uids = uids || selectedUids();
      if (!body.uids.length) return Promise.resolve();
    }
    if (to) body.to = to;
    return apiCall('POST', '/api/v1/folders/' + encodeURIComponent(folder) + '/messages/actions', body)
      .then(function (r) {
        if (r.status === 202) return r.json().then(pollJob);
        if (!r.ok) return r.json().then(function (p) { throw new Error(p && p.detail); }, function () { throw new Error(); });
        return r.json();
      })
      .then(function (result) { finished(action, result, body.uids); })
      .catch(function (e) { if (e && e.message) showToast(e.message); else toast('toast-action-failed'); });
  }

  function pollJob(job) {
    var box = document.getElementById('bulk-progress');
    var bar = document.getElementById('bulk-progress-bar');
    return new Promise(function (resolve, reject) {
      function tick(j) {
        box.hidden = false;
        bar.value = j.total ? Math.round(j.done * 100 / j.total) : 0;
        document.getElementById('bulk-progress-text').textContent = text('bulk-progress-text', j.done, j.total);
        if (j.state === 'done') { box.hidden = true; resolve(j.result); return; }
        if (j.state === 'failed') { box.hidden = true; reject(new Error(j.error || '')); return; }
        window.setTimeout(function () {
          fetch('/api/v1/jobs/' + encodeURIComponent(j.id), { credentials: 'same-origin' })
            .then(function (r) { if (!r.ok) throw new Error(); return r.json(); })
            .then(tick, function (e) { box.hidden = true; reject(e); });
        }, 400);
      }
      tick(job);
    });
  }

  function setFlagged(row, flagged) {
    var markers = $('.markers', row);
    var marker = $('.marker.flagged', row);
    if (!flagged && marker) marker.remove();
    var template = document.getElementById('flag-marker');
    if (flagged && !marker && markers && template) markers.insertBefore(template.content.cloneNode(true), markers.firstChild);
  }

  /** Flags and read state change in place (the open message stays open); anything that moves reloads the list. */
  function finished(action, result, uids) {
    if (uids && (action === 'seen' || action === 'unseen' || action === 'flag' || action === 'unflag')) {
      uids.forEach(function (uid) {
        var r = rowOf(uid);
        if (!r) return;
        if (action === 'seen' || action === 'unseen') r.classList.toggle('is-unread', action === 'unseen');
        else setFlagged(r, action === 'flag');
      });
      showToast(text('str-done', result.count));
      return;
    }
    clearSelection();
    reloadList();
    if (result.undoToken) {
      var message = action === 'delete' ? text('str-deleted', result.count) : text('str-moved', result.count, result.to);
      offerUndo(message, result.undoToken);
    } else {
      showToast(text('str-done', result.count));
    }
  }

  function offerUndo(message, token) {
    var box = document.getElementById('undo-toast');
    if (!box) return;
    document.getElementById('undo-text').textContent = message;
    box.dataset.token = token;
    box.hidden = false;
    window.clearTimeout(offerUndo.timer);
    offerUndo.timer = window.setTimeout(function () { box.hidden = true; }, 10000);
  }

  function undo() {
    var box = document.getElementById('undo-toast');
    var token = box && box.dataset.token;
    if (!token) return;
    box.hidden = true;
    delete box.dataset.token;
    apiCall('POST', '/api/v1/undo/' + encodeURIComponent(token))
      .then(function (r) { if (!r.ok) throw new Error(); reloadList(); showToast(text('str-undone')); })
      .catch(function () { toast('toast-action-failed'); });
  }

  /** The messages a shortcut or toolbar button acts on: the selection, else the open message, else the cursor row. */
  function target() {
    if (selection.all || selectedUids().length) return null; // act() takes the selection
    var article = document.getElementById('message');
    if (article) return [Number(article.dataset.uid)];
    var row = $('#message-list .message-row.is-cursor');
    return row ? [Number(row.dataset.uid)] : [];
  }

  function actOnTarget(action, to) {
    var uids = target();
    if (uids && !uids.length) return;
    act(action, uids, to);
  }

  function toggleFlag(only) {
    var uids = only || target();
    if (uids && !uids.length) return;
    var row = uids ? rowOf(uids[0]) : null;
    act(row && $('.marker.flagged', row) ? 'unflag' : 'flag', uids);
  }

  function emptyFolder(button) {
    if (!window.confirm(button.dataset.confirm)) return;
    apiCall('POST', '/api/v1/folders/' + encodeURIComponent(currentFolder()) + '/empty')
      .then(function (r) { if (!r.ok) throw new Error(); return r.json(); })
      .then(function (result) { reloadList(); showToast(text('str-done', result.count)); })
      .catch(function () { toast('toast-action-failed'); });
  }

  document.addEventListener('click', function (e) {
    var t = e.target;
    if (!t || !t.closest) return;
    var box = t.closest('#message-list .row-select');
    if (box) { rowBoxClicked(box, e.shiftKey); return; }
    if (t.closest('#select-page')) {
      var on = t.closest('#select-page').checked;
      selection.all = false;
      rowBoxes().forEach(function (c) { c.checked = on; });
      updateSelection();
    } else if (t.closest('#select-all-folder')) {
      selection.all = true;
      updateSelection();
    } else if (t.closest('button[data-bulk]')) {
      act(t.closest('button[data-bulk]').dataset.bulk);
    } else if (t.closest('button[data-message-action]')) {
      var article = document.getElementById('message');
      if (article) act(t.closest('button[data-message-action]').dataset.messageAction, [Number(article.dataset.uid)]);
    } else if (t.closest('#toggle-flag')) {
      var open = document.getElementById('message');
      if (open) toggleFlag([Number(open.dataset.uid)]);
    } else if (t.closest('#undo-button')) {
      undo();
    } else if (t.closest('#empty-folder')) {
      emptyFolder(t.closest('#empty-folder'));
    }
  });

  // a form that destroys something asks first (folder deletion)
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (form && form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) e.preventDefault();
  });

  document.addEventListener('change', function (e) {
    var select = e.target;
    if (!select || !select.matches || !select.matches('select.folder-choice') || !select.value) return;
    var to = select.value;
    select.value = '';
    if (select.dataset.messageAction) {
      var article = document.getElementById('message');
      if (article) act('move', [Number(article.dataset.uid)], to);
    } else {
      act(select.dataset.bulk, null, to);
    }
  });

  // drag rows (the selection, if the row is in it) onto a folder of the sidebar
  document.addEventListener('dragstart', function (e) {
    var row = e.target && e.target.closest ? e.target.closest('#message-list .message-row[draggable]') : null;
    if (!row) return;
    var box = $('.row-select', row);
    dragged = box && box.checked ? null : [Number(row.dataset.uid)];
    if (box && box.checked && !selection.all) dragged = selectedUids();
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', row.dataset.uid);
    row.classList.add('is-dragged');
  });

  function dropTarget(e) {
    return e.target && e.target.closest ? e.target.closest('#folder-pane .folder-link[data-folder]') : null;
  }

  document.addEventListener('dragover', function (e) {
    var folder = dropTarget(e);
    if (!folder || folder.dataset.folder === currentFolder()) return;
    e.preventDefault();
    folder.classList.add('is-drop');
  });

  document.addEventListener('dragleave', function (e) {
    var folder = dropTarget(e);
    if (folder) folder.classList.remove('is-drop');
  });

  document.addEventListener('drop', function (e) {
    var folder = dropTarget(e);
    if (!folder || folder.dataset.folder === currentFolder()) return;
    e.preventDefault();
    folder.classList.remove('is-drop');
    var uids = dragged;
    dragged = null;
    act('move', uids, folder.dataset.folder);
  });

  document.addEventListener('dragend', function () {
    $all('.message-row.is-dragged').forEach(function (r) { r.classList.remove('is-dragged'); });
  });

  /** Keys for organising (Gmail's): x select, e archive, # or Delete delete, ! junk, s flag, Shift+I / Shift+U read / unread. */
  function organiseKey(e) {
    switch (e.key) {
      case 'x':
        var row = $('#message-list .message-row.is-cursor');
        var box = row ? $('.row-select', row) : null;
        if (box) { box.checked = !box.checked; rowBoxClicked(box, false); }
        return true;
      case 'e': actOnTarget('archive'); return true;
      case '#': case 'Delete': actOnTarget('delete'); return true;
      case '!': actOnTarget('junk'); return true;
      case 's': toggleFlag(); return true;
      case 'I': actOnTarget('seen'); return true;
      case 'U': actOnTarget('unseen'); return true;
      default: return false;
    }
  }

  function organiseSwapped() {
    selection.all = false;
    selection.last = null;
    var empty = document.getElementById('empty-folder');
    var link = $('#folder-pane .folder-link[data-folder="' + CSS.escape(currentFolder()) + '"]');
    if (empty) empty.hidden = !(link && (link.dataset.role === 'trash' || link.dataset.role === 'junk'));
    fillFolderChoices();
    updateSelection();
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
