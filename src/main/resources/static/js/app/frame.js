/*
 * The message frame: same origin, no scripts inside, its own CSP. Sized to its content, themed like the page, and
 * its key presses forwarded so the shortcuts keep working after a click inside the message.
 */
import { effectiveTheme } from './theme.js';

function themeFrame(frame) {
  try {
    if (frame && frame.contentDocument) frame.contentDocument.documentElement.dataset.theme = effectiveTheme();
  } catch (e) { /* not ready */ }
}

function sizeFrame(frame) {
  if (!frame) return;
  try {
    const body = frame.contentDocument && frame.contentDocument.body;
    if (!body) return;
    // the body's own height (not the document's, which is at least the frame's height), so it can shrink too
    const height = Math.ceil(Math.max(body.scrollHeight, body.getBoundingClientRect().height));
    const next = Math.max(120, height + 2) + 'px';
    if (frame.style.height !== next) frame.style.height = next;
  } catch (e) { /* not ready yet */ }
}

/** A key pressed inside the message goes to the page's shortcuts as if pressed on the page. */
function forwardKey(e) {
  const copy = new KeyboardEvent('keydown', {
    key: e.key, code: e.code, shiftKey: e.shiftKey, ctrlKey: e.ctrlKey, altKey: e.altKey, metaKey: e.metaKey,
    bubbles: true, cancelable: true
  });
  if (!document.dispatchEvent(copy)) e.preventDefault();
}

function frameLoaded(frame) {
  themeFrame(frame);
  sizeFrame(frame);
  try {
    const doc = frame.contentDocument;
    if (doc.vmWired) return;
    doc.vmWired = true;
    doc.addEventListener('keydown', forwardKey);
    // images arriving after load (cid parts, shown images) change the height; a narrower window is handled below.
    // (A ResizeObserver on the frame's body made Chromium report "ResizeObserver loop" errors on every message.)
    const later = () => {
      window.cancelAnimationFrame(frame.resizeFrame);
      frame.resizeFrame = window.requestAnimationFrame(() => sizeFrame(frame));
    };
    doc.addEventListener('load', later, true);
    doc.addEventListener('error', later, true);
  } catch (e) { /* ignore */ }
}

/** The reading pane was swapped in: wire the frame if it loaded before this module saw it. */
export function frameSwappedIn() {
  const frame = document.getElementById('message-frame');
  if (frame && frame.contentDocument && frame.contentDocument.readyState === 'complete' && frame.contentDocument.body
      && frame.contentDocument.body.childNodes.length) frameLoaded(frame);
}

let resizeTimer = 0;

export function installFrame() {
  document.addEventListener('load', (e) => {
    if (e.target && e.target.id === 'message-frame') frameLoaded(e.target);
  }, true);
  window.addEventListener('resize', () => {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => sizeFrame(document.getElementById('message-frame')), 100);
  });
  document.addEventListener('vm-theme', () => themeFrame(document.getElementById('message-frame')));
}
