// Sending API, keys page: copies the new key (shown once) to the clipboard. A file, not inline (CSP script-src 'self').
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var button = document.getElementById('copy-key');
    if (!button) return;
    button.addEventListener('click', function () {
      var field = document.getElementById(button.dataset.target);
      var done = function () { button.textContent = button.dataset.copied; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
      } else {
        field.select();
        if (document.execCommand('copy')) done();
      }
    });
  });
})();
