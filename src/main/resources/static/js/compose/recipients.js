/*
 * The composer's recipient fields (To, Cc, Bcc): what is typed becomes chips (a comma or semicolon ends one), an
 * address that does not look like one is marked, and the user's contacts are suggested after two letters
 * (ARIA combobox: arrows, Enter, Escape). Split out of compose.js (ADR 0056).
 */
import { api } from '../lib/http.js';

function $(id) { return document.getElementById(id); }

/**
 * Wires the fields; {@code removeLabel} names a chip's remove button, {@code onChange} is told of every change.
 * Returns what the composer needs: the chips of a field, adding one, and committing what is still typed.
 */
export function installRecipients(FIELDS, { removeLabel, onChange }) {
  function chipsOf(field) {
    return Array.prototype.map.call($('chips-' + field).querySelectorAll('.chip'), function (c) { return c.dataset.value; });
  }

  function addChip(field, value) {
    value = value.trim().replace(/[,;]+$/, '').trim();
    if (!value) return;
    var box = $('chips-' + field);
    var chip = document.createElement('span');
    chip.className = 'chip';
    chip.dataset.value = value;
    if (!/^[^@\s<>]+@[^@\s<>]+$/.test(value.replace(/^.*<([^>]*)>\s*$/, '$1'))) chip.classList.add('is-invalid');
    var text = document.createElement('span');
    text.textContent = value;
    var remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'chip-remove';
    remove.setAttribute('aria-label', removeLabel + ' ' + value);
    remove.textContent = '×';
    var field$ = document.createElement('input'); // what the form posts (ADR 0057)
    field$.type = 'hidden';
    field$.name = field;
    field$.value = value;
    chip.appendChild(text);
    chip.appendChild(remove);
    chip.appendChild(field$);
    box.insertBefore(chip, box.querySelector('.chip-input'));
  }

  function commitInput(field) {
    var input = $('compose-' + field);
    if (input.value.trim()) {
      input.value.split(/[,;](?=(?:[^"]*"[^"]*")*[^"]*$)/).forEach(function (v) { addChip(field, v); });
      input.value = '';
      onChange();
    }
    hideSuggestions(field);
  }

  function hideSuggestions(field) {
    var list = $('suggest-' + field);
    list.hidden = true;
    list.textContent = '';
    $('compose-' + field).setAttribute('aria-expanded', 'false');
  }

  var suggestTimer = {};
  function suggest(field) {
    var input = $('compose-' + field);
    var q = input.value.trim();
    window.clearTimeout(suggestTimer[field]);
    if (q.length < 2) { hideSuggestions(field); return; }
    suggestTimer[field] = window.setTimeout(function () {
      api('GET', '/api/v1/contacts?q=' + encodeURIComponent(q)).then(function (contacts) {
        var list = $('suggest-' + field);
        list.textContent = '';
        (contacts || []).forEach(function (c, i) {
          var li = document.createElement('li');
          li.setAttribute('role', 'option');
          li.id = 'suggest-' + field + '-' + i;
          li.dataset.value = c.name ? '"' + c.name.replace(/"/g, '') + '" <' + c.address + '>' : c.address;
          li.textContent = c.name ? c.name + ' <' + c.address + '>' : c.address;
          list.appendChild(li);
        });
        list.hidden = !list.children.length;
        input.setAttribute('aria-expanded', String(!list.hidden));
      }).catch(function () { hideSuggestions(field); });
    }, 200);
  }

  function pick(field, li) {
    $('compose-' + field).value = '';
    addChip(field, li.dataset.value);
    hideSuggestions(field);
    onChange();
    $('compose-' + field).focus();
  }

  FIELDS.forEach(function (field) {
    var input = $('compose-' + field);
    input.addEventListener('input', function () {
      if (/[,;]$/.test(input.value)) commitInput(field); else suggest(field);
    });
    input.addEventListener('keydown', function (e) {
      var list = $('suggest-' + field);
      var options = Array.prototype.slice.call(list.children);
      var current = options.findIndex(function (o) { return o.getAttribute('aria-selected') === 'true'; });
      if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && options.length) {
        e.preventDefault();
        var next = e.key === 'ArrowDown' ? Math.min(options.length - 1, current + 1) : Math.max(0, current - 1);
        options.forEach(function (o, i) { o.setAttribute('aria-selected', String(i === next)); });
        input.setAttribute('aria-activedescendant', options[next].id);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        if (current >= 0) pick(field, options[current]); else commitInput(field);
      } else if (e.key === 'Escape') {
        hideSuggestions(field);
      } else if (e.key === 'Backspace' && !input.value) {
        var chips = $('chips-' + field).querySelectorAll('.chip');
        if (chips.length) { chips[chips.length - 1].remove(); onChange(); }
      }
    });
    input.addEventListener('blur', function () { window.setTimeout(function () { commitInput(field); }, 150); });
    $('suggest-' + field).addEventListener('mousedown', function (e) {
      var li = e.target.closest('li');
      if (li) { e.preventDefault(); pick(field, li); }
    });
    $('chips-' + field).addEventListener('click', function (e) {
      var remove = e.target.closest('.chip-remove');
      if (remove) { remove.closest('.chip').remove(); onChange(); }
      else if (e.target === $('chips-' + field)) input.focus();
    });
  });

  return { chipsOf, addChip, commitInput };
}
