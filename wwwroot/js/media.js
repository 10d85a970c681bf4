// Media library: "Copy Markdown" buttons. The Markdown is also on the page as text, so the
// buttons only appear when this script runs, and copying falls back to selecting that text
// where the Clipboard API is missing (plain HTTP away from localhost).
(function () {
  'use strict';
  var UI = JSON.parse(((document.getElementById('ui-text') || {}).dataset || {}).strings || '{}');
  function t(key) { return UI[key] || key; }

  const resetTimers = new WeakMap();

  function selectText(element) {
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  async function copy(text, source) {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        // Permission refused: fall through to the selection.
      }
    }
    selectText(source);
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }

  function say(button, label) {
    const original = button.dataset.label || button.textContent;
    button.dataset.label = original;
    button.textContent = label;
    clearTimeout(resetTimers.get(button));
    resetTimers.set(button, setTimeout(() => { button.textContent = original; }, 2000));
  }

  document.querySelectorAll('button[data-copy-from]').forEach((button) => {
    const source = document.getElementById(button.dataset.copyFrom);
    if (!source) return;
    button.hidden = false;
    button.addEventListener('click', async () => {
      const copied = await copy(source.textContent, source);
      say(button, t(copied ? 'Copied' : 'Selected: press Ctrl+C'));
    });
  });
})();
