// Sending API > Webhooks: the "Copy" button next to a secret shown once. Loaded as a file (CSP: no inline script).
(function () {
  'use strict';
  document.addEventListener('click', function (e) {
    var button = e.target.closest ? e.target.closest('[data-copy-target]') : null;
    if (!button) return;
    var source = document.getElementById(button.dataset.copyTarget);
    if (!source) return;
    var text = source.textContent.trim();
    function done() {
      button.textContent = button.dataset.copied || 'Copied';
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () {
        selectText(source);
      });
    } else {
      selectText(source);
    }
  });
  function selectText(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
})();
