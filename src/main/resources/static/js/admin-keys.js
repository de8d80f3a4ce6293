// Operator console, keys page: follows a running rewrap over server-sent events and moves the
// <progress> bar. Loaded as a file (CSP: no inline script). Texts come from data-text-* attributes.
(function () {
  'use strict';
  function format(template, s) {
    return template.replace(/\{(\d)\}/g, function (_, i) {
      return String([s.done, s.total, s.rewrapped, s.skipped, s.failed][Number(i)]);
    });
  }
  function follow(box) {
    if (!window.EventSource) return;
    var bar = document.getElementById('rewrap-progress');
    var percent = document.getElementById('rewrap-percent');
    var status = document.getElementById('rewrap-status');
    var source = new EventSource(box.dataset.events);
    source.addEventListener('progress', function (e) {
      var s = JSON.parse(e.data);
      bar.value = s.percent;
      bar.textContent = s.percent + '%';
      percent.textContent = s.percent + '%';
      box.dataset.phase = s.phase;
      var text = box.dataset['text' + s.phase.charAt(0).toUpperCase() + s.phase.slice(1)];
      if (text) status.textContent = format(text, s);
      if (s.phase !== 'running') source.close(); // else EventSource would reconnect when the server ends the stream
    });
    source.onerror = function () {
      if (box.dataset.phase !== 'running') source.close();
    };
  }
  document.addEventListener('DOMContentLoaded', function () {
    var box = document.getElementById('rewrap');
    if (box && box.dataset.events) follow(box);
  });
})();
