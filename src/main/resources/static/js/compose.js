/*
 * The composer (ADR 0016). Everything goes through the JSON API: the draft lives in the IMAP Drafts folder and is
 * saved 2 s after typing stops, on leaving the page (fetch keepalive on visibilitychange/pagehide) and on demand.
 * All writes to the server run one after another (each save makes a new draft UID). No inline script: CSP 'self'.
 * An ES module: the CSRF header and the JSON calls come from lib/http.js.
 */
import { api, csrfHeaders } from './lib/http.js';
import { installRecipients } from './compose/recipients.js';

(function () {
  'use strict';

  var root = document.getElementById('compose');
  if (!root) return;

  var AUTOSAVE_MS = 2000;
  var RETRY_MS = 5000;
  var FIELDS = ['to', 'cc', 'bcc'];
  var maxFile = parseInt(root.dataset.maxFile, 10) || 0;
  var undoMs = parseInt(root.dataset.undoMs, 10) || 0;

  var state = {
    uid: root.dataset.draft ? parseInt(root.dataset.draft, 10) : null,
    files: [],            // {index, filename, contentType, size} of the saved draft
    inReplyTo: null, references: [], original: null,
    dirty: false, saving: false, sent: false, sendingUid: null
  };
  var queue = Promise.resolve();
  var timer = null;

  function $(id) { return document.getElementById(id); }
  function msg(name, arg) { return (root.dataset[name] || '').replace('{0}', arg == null ? '' : arg).replace('{1}', ''); }

  var headers = csrfHeaders; // lib/http.js: the one CSRF and JSON helper of every page

  /** Runs server writes one at a time, in order. */
  function serial(fn) {
    var next = queue.then(fn, fn);
    queue = next.catch(function () { /* the caller handles it */ });
    return next;
  }

  // ---------- status and errors ----------
  function setStatus(text, problem) {
    var s = $('save-status');
    s.textContent = text;
    s.classList.toggle('is-problem', !!problem);
  }

  function clearErrors() {
    Array.prototype.forEach.call(document.querySelectorAll('.field-error'), function (p) { p.hidden = true; p.textContent = ''; });
    $('compose-error').hidden = true;
  }

  function showProblem(err) {
    var problem = err && err.problem;
    var detail = problem && problem.detail ? problem.detail : (err && err.message) || '';
    var field = problem && problem.field ? String(problem.field) : '';
    var base = field.replace(/\[.*$/, '').replace(/\..*$/, '');
    var target = $('error-' + (base === 'name' ? 'from' : base));
    if (target) {
      target.textContent = detail;
      target.hidden = false;
    } else {
      $('compose-error').textContent = msg('msgFailed', detail);
      $('compose-error').hidden = false;
    }
  }

  // ---------- recipients as chips, with suggestions (compose/recipients.js) ----------
  var recipients = installRecipients(FIELDS, { removeLabel: msg('msgRemove'), onChange: function () { changed(); } });
  var chipsOf = recipients.chipsOf;
  var addChip = recipients.addChip;
  var commitInput = recipients.commitInput;

  // ---------- the letter ----------
  function letter() {
    FIELDS.forEach(function (f) { if ($('compose-' + f).value.trim()) commitInput(f); });
    return {
      from: $('compose-from').value || null,
      to: chipsOf('to'), cc: chipsOf('cc'), bcc: chipsOf('bcc'),
      subject: $('compose-subject').value,
      text: $('compose-text').value,
      markdown: true,
      inReplyTo: state.inReplyTo,
      references: state.references,
      original: state.original,
      keepAttachments: state.files.map(function (f) { return f.index; })
    };
  }

  function fill(view) {
    var l = view.letter;
    state.uid = view.uid;
    state.inReplyTo = l.inReplyTo;
    state.references = l.references || [];
    state.original = l.original;
    if (l.from) $('compose-from').value = l.from;
    FIELDS.forEach(function (f) { (l[f] || []).forEach(function (v) { addChip(f, v); }); });
    $('compose-subject').value = l.subject || '';
    $('compose-text').value = (l.text || '').replace(/\r\n/g, '\n');
    if (l.original) $('compose-text').setSelectionRange(0, 0); // replies and forwards: above the quote
    showFiles(l.attachments || []);
  }

  function saved(view) {
    state.uid = view.uid;
    showFiles(view.letter.attachments || []);
    var url = new URL(window.location.href);
    url.searchParams.set('draft', String(view.uid));
    window.history.replaceState(null, '', url.toString());
    var now = new Date();
    setStatus(msg('msgSaved', now.toLocaleTimeString(document.documentElement.lang || undefined, { hour: '2-digit', minute: '2-digit' })));
  }

  // ---------- saving ----------
  function changed() {
    if (state.sent) return;
    state.dirty = true;
    setStatus(msg('msgUnsaved'));
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { save().catch(function () { /* status shows it */ }); }, AUTOSAVE_MS);
  }

  function save() {
    window.clearTimeout(timer);
    return serial(function () {
      if (!state.dirty && state.uid !== null) return Promise.resolve();
      state.dirty = false;
      state.saving = true;
      setStatus(msg('msgSaving'));
      var body = letter();
      var request = state.uid === null ? api('POST', '/api/v1/drafts', body) : api('PUT', '/api/v1/drafts/' + state.uid, body);
      return request.then(function (view) {
        state.saving = false;
        clearErrors();
        saved(view);
      }, function (err) {
        state.saving = false;
        state.dirty = true;
        if (err.status === 404 && state.uid !== null) {
          // the draft was deleted or replaced elsewhere (another tab, another client): save this text as a new one
          state.uid = null;
          state.files = [];
          timer = window.setTimeout(function () { save().catch(function () { }); }, 0);
        } else if (err.status === 400 || err.status === 413) {
          setStatus(msg('msgUnsaved'), true);
          showProblem(err);
        } else {
          setStatus(msg('msgRetrying'), true);
          timer = window.setTimeout(function () { save().catch(function () { }); }, RETRY_MS);
        }
        throw err;
      });
    });
  }

  /** Leaving the page: the last words go out with keepalive (sendBeacon cannot PUT JSON with the CSRF header). */
  function saveOnLeave() {
    if (!state.dirty || state.sent) return;
    var body = JSON.stringify(letter());
    var url = state.uid === null ? '/api/v1/drafts' : '/api/v1/drafts/' + state.uid;
    try {
      fetch(url, { method: state.uid === null ? 'POST' : 'PUT', headers: headers(true), body: body, keepalive: true, credentials: 'same-origin' });
    } catch (e) { /* nothing more to try */ }
  }

  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') saveOnLeave();
  });
  window.addEventListener('pagehide', saveOnLeave);
  window.addEventListener('beforeunload', function (e) {
    if ((state.dirty || state.saving) && !state.sent) {
      e.preventDefault();
      e.returnValue = '';
    }
  });

  $('compose-form').addEventListener('input', function (e) {
    if (e.target.classList.contains('chip-input')) return;
    changed();
  });
  $('compose-from').addEventListener('change', changed);
  $('compose-save').addEventListener('click', function () {
    state.dirty = true;
    save().catch(function () { });
  });

  // ---------- files ----------
  // sizes in the page's language: units from the bundles (data-msg-size-*), numbers by Intl ("1,5 MB", "1,5 Mo")
  function human(bytes) {
    var lang = document.documentElement.lang || undefined;
    if (bytes >= 1048576) return msg('msgSizeMb', (bytes / 1048576).toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
    if (bytes >= 1024) return msg('msgSizeKb', Math.round(bytes / 1024).toLocaleString(lang));
    return msg('msgSizeBytes', bytes.toLocaleString(lang));
  }

  function showFiles(files) {
    state.files = files;
    var list = $('compose-attachments');
    Array.prototype.forEach.call(list.querySelectorAll('li.saved'), function (li) { li.remove(); });
    files.forEach(function (f) {
      var li = document.createElement('li');
      li.className = 'saved';
      li.dataset.index = String(f.index);
      var name = document.createElement('span');
      name.className = 'file-name';
      name.textContent = f.filename;
      var size = document.createElement('span');
      size.className = 'file-size';
      size.textContent = human(f.size);
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'button subtle file-remove';
      remove.textContent = msg('msgRemove');
      li.appendChild(name);
      li.appendChild(size);
      li.appendChild(remove);
      list.insertBefore(li, list.querySelector('li.uploading'));
    });
  }

  $('compose-attachments').addEventListener('click', function (e) {
    var remove = e.target.closest('.file-remove');
    if (!remove) return;
    var index = parseInt(remove.closest('li').dataset.index, 10);
    state.files = state.files.filter(function (f) { return f.index !== index; });
    remove.closest('li').remove();
    state.dirty = true;
    save().catch(function () { });
  });

  function upload(file) {
    var error = $('error-attachments');
    if (maxFile && file.size > maxFile) {
      error.textContent = msg('msgTooBig', file.name);
      error.hidden = false;
      return;
    }
    var li = document.createElement('li');
    li.className = 'uploading';
    var name = document.createElement('span');
    name.textContent = file.name;
    var bar = document.createElement('progress');
    bar.max = file.size || 1;
    bar.value = 0;
    li.appendChild(name);
    li.appendChild(bar);
    $('compose-attachments').appendChild(li);
    state.dirty = state.dirty || state.uid === null;
    save().catch(function () { }).then(function () {
      return serial(function () {
        return new Promise(function (resolve, reject) {
          if (state.uid === null) { reject(new Error('not saved')); return; }
          var xhr = new XMLHttpRequest();
          xhr.open('POST', '/api/v1/drafts/' + state.uid + '/attachments');
          var h = headers(false);
          Object.keys(h).forEach(function (k) { xhr.setRequestHeader(k, h[k]); });
          xhr.upload.addEventListener('progress', function (e) { if (e.lengthComputable) { bar.max = e.total; bar.value = e.loaded; } });
          xhr.addEventListener('load', function () {
            var data = null;
            try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
            if (xhr.status === 200 && data) { li.remove(); saved(data); resolve(); return; }
            var err = new Error('HTTP ' + xhr.status);
            err.status = xhr.status;
            err.problem = data;
            reject(err);
          });
          xhr.addEventListener('error', function () { reject(new Error('network')); });
          var form = new FormData();
          form.append('file', file, file.name);
          xhr.send(form);
        });
      });
    }).catch(function (err) {
      li.remove();
      if (err && err.problem) showProblem(err);
      else { error.textContent = msg('msgUploadFailed', file.name); error.hidden = false; }
    });
  }

  $('compose-files').addEventListener('change', function (e) {
    $('error-attachments').hidden = true;
    Array.prototype.forEach.call(e.target.files, upload);
    e.target.value = '';
  });

  var zone = $('compose-form');
  zone.addEventListener('dragover', function (e) {
    if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, 'Files') >= 0) {
      e.preventDefault();
      $('drop-zone').classList.add('is-dragover');
    }
  });
  zone.addEventListener('dragleave', function () { $('drop-zone').classList.remove('is-dragover'); });
  zone.addEventListener('drop', function (e) {
    $('drop-zone').classList.remove('is-dragover');
    if (!e.dataTransfer || !e.dataTransfer.files.length) return;
    e.preventDefault();
    $('error-attachments').hidden = true;
    Array.prototype.forEach.call(e.dataTransfer.files, upload);
  });

  // ---------- sending, with undo ----------
  var countdown = null;

  function showSending(seconds) {
    $('send-toast-text').textContent = msg('msgSending', seconds);
    $('send-toast').hidden = false;
  }

  function hideSending() {
    window.clearInterval(countdown);
    $('send-toast').hidden = true;
  }

  $('compose-form').addEventListener('submit', function (e) {
    e.preventDefault();
    if (state.sendingUid !== null) return;
    clearErrors();
    state.dirty = state.dirty || state.uid === null;
    $('compose-send').disabled = true;
    save().then(function () {
      return serial(function () {
        var uid = state.uid;
        state.sendingUid = uid;
        var left = Math.ceil(undoMs / 1000);
        if (left > 0) {
          showSending(left);
          countdown = window.setInterval(function () { left = Math.max(0, left - 1); showSending(left); }, 1000);
        }
        var key = window.crypto && window.crypto.randomUUID ? window.crypto.randomUUID() : String(Date.now()) + Math.random();
        return fetch('/api/v1/drafts/' + uid + '/send', { method: 'POST', headers: Object.assign(headers(false), { 'Idempotency-Key': key }),
          credentials: 'same-origin' }).then(function (r) {
          return r.text().then(function (t) {
            var data = null;
            try { data = t ? JSON.parse(t) : null; } catch (x) { data = null; }
            if (r.status === 201) return data;
            var err = new Error('HTTP ' + r.status);
            err.status = r.status;
            err.problem = data;
            throw err;
          });
        });
      });
    }).then(function () {
      state.sent = true;
      hideSending();
      window.location.assign('/mail?sent=1');
    }, function (err) {
      hideSending();
      state.sendingUid = null;
      $('compose-send').disabled = false;
      if (err && err.status === 409) {
        $('compose-error').textContent = msg('msgCancelled');
        $('compose-error').hidden = false;
      } else if (err) {
        showProblem(err);
      }
    });
  });

  $('undo-send').addEventListener('click', function () {
    if (state.sendingUid === null) return;
    api('DELETE', '/api/v1/drafts/' + state.sendingUid + '/send').catch(function () { /* too late: the send answers */ });
  });

  $('compose-discard').addEventListener('click', function () {
    window.clearTimeout(timer);
    state.sent = true; // nothing left to save
    var done = function () { window.location.assign('/mail'); };
    serial(function () { return state.uid === null ? Promise.resolve() : api('DELETE', '/api/v1/drafts/' + state.uid); }).then(done, done);
  });

  // ---------- start ----------
  if (state.uid !== null) {
    setStatus(msg('msgSaving'));
    api('GET', '/api/v1/drafts/' + state.uid).then(function (view) {
      fill(view);
      saved(view);
    }, function (err) { showProblem(err); setStatus(msg('msgUnsaved'), true); state.uid = null; });
  } else {
    var from = $('compose-from');
    var signature = from.options.length ? from.options[from.selectedIndex].dataset.signature : null;
    if (signature) {
      $('compose-text').value = '\n\n-- \n' + signature;
      $('compose-text').setSelectionRange(0, 0); // the user writes above the signature
    }
  }
  $('compose-' + (state.uid === null ? 'to' : 'text')).focus();
})();
