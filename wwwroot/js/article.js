// Progressive enhancement of an article page: highlight.js code, copy buttons, the table of
// contents. Formulas need no script: the server typeset them. Loaded with `defer` after
// highlight.min.js (only when the article has code), so its global is ready when this runs, or
// absent: every step checks for its library and quietly does nothing without it. No inline
// script anywhere (CSP: script-src 'self').
(() => {
  'use strict';
  // The interface's strings, from the page's #ui-text (the English key when there is none).
  const UI = JSON.parse(document.getElementById('ui-text')?.dataset.strings || '{}');
  const t = (key, ...args) => (UI[key] ?? key).replace(/\{(\d)\}/g, (_, i) => args[i]);

  // Same rule as highlight.js's own language detection, so that we ask it only about blocks
  // whose language it knows: an unknown one would make it log a warning.
  const LANGUAGE_RE = /\blang(?:uage)?-([\w-]+)\b/i;

  function highlightCode(root) {
    const hljs = window.hljs;
    if (!hljs || typeof hljs.highlightElement !== 'function') return;
    hljs.configure({ ignoreUnescapedHTML: true });
    root.querySelectorAll('pre code[class*="language-"]').forEach((code) => {
      if (code.dataset.highlighted) return;
      const match = LANGUAGE_RE.exec(code.className);
      if (!match || !hljs.getLanguage(match[1])) return; // stays plain, still styled as code
      try {
        hljs.highlightElement(code);
      } catch (e) {
        // highlighting is cosmetic: the plain code is already on the page
      }
    });
  }

  // Clipboard API when available (secure contexts: https and localhost); otherwise the old
  // select-and-copy through an off-screen textarea, e.g. on plain http behind a LAN address.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(() => legacyCopy(text));
    }
    return legacyCopy(text);
  }

  function legacyCopy(text) {
    return new Promise((resolve, reject) => {
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.top = '-1000px';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      let ok = false;
      try {
        ok = document.execCommand('copy');
      } catch (e) {
        ok = false;
      }
      area.remove();
      if (ok) resolve(); else reject(new Error('copy failed'));
    });
  }

  const resetTimers = new WeakMap();

  function flash(button, label) {
    button.textContent = label;
    clearTimeout(resetTimers.get(button));
    resetTimers.set(button, setTimeout(() => { button.textContent = t('Copy'); }, 1500));
  }

  // The button lives inside the <pre> (top-right corner, see site.css) but outside <code>,
  // and we copy code.textContent, so the label never ends up in the clipboard.
  function addCopyButtons(root) {
    root.querySelectorAll('.article-body pre').forEach((pre) => {
      const code = pre.querySelector('code');
      if (!code || pre.querySelector(':scope > button.copy-code')) return;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy-code';
      button.textContent = t('Copy');
      button.title = t('Copy code to clipboard');
      button.setAttribute('aria-live', 'polite'); // "Copied" is announced, the label is its text
      button.addEventListener('click', () => {
        copyText(code.textContent).then(
          () => flash(button, t('Copied')),
          () => {
            // No clipboard access at all: select the code so that one keystroke copies it.
            const range = document.createRange();
            range.selectNodeContents(code);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            flash(button, t(/Mac|iPhone|iPad/.test(navigator.platform) ? 'Press ⌘C' : 'Press Ctrl+C'));
          },
        );
      });
      // The language, shown by site.css as a label in the block's top-left corner.
      const match = LANGUAGE_RE.exec(code.className);
      if (match) pre.dataset.lang = match[1].toLowerCase();
      pre.appendChild(button);
    });
  }

  // Highlights the table-of-contents entry of the section being read. Heading ids can hold
  // Chinese and start with a digit (`1-幻觉-lora`), so they are looked up with getElementById,
  // never turned into CSS selectors.
  function trackToc(root) {
    const links = Array.from(root.querySelectorAll('nav.toc a[href^="#"]'));
    if (links.length === 0 || !('IntersectionObserver' in window)) return;
    const byHeading = new Map();
    links.forEach((link) => {
      let id;
      try {
        id = decodeURIComponent(link.getAttribute('href').slice(1));
      } catch (e) {
        return; // a malformed %-escape: leave this link alone
      }
      const heading = document.getElementById(id);
      if (heading) byHeading.set(heading, link);
    });
    if (byHeading.size === 0) return;
    let current = null;
    const observer = new IntersectionObserver((entries) => {
      entries.forEach((entry) => {
        if (!entry.isIntersecting) return;
        const link = byHeading.get(entry.target);
        if (!link || link === current) return;
        if (current) current.removeAttribute('aria-current');
        link.setAttribute('aria-current', 'location');
        current = link;
      });
    }, { rootMargin: '0px 0px -70% 0px' }); // a heading counts once it reaches the top 30%
    byHeading.forEach((_, heading) => observer.observe(heading));
  }

  // A wide table or formula scrolls sideways inside its box: one that does (only those, so that
  // narrow ones add no tab stop) takes the keyboard's focus, and arrow keys scroll it, with a name
  // that says what it is. Checked again when the width changes.
  const SCROLL_BOXES = '.table-scroll, div.math, .math-display, .katex-display, pre > code';

  function scrollLabel(box) {
    if (box.matches('.table-scroll')) return t('Table (scrolls sideways)');
    if (box.matches('code')) return t('Code (scrolls sideways)');
    return t('Formula (scrolls sideways)');
  }

  function labelScrollBoxes(root) {
    root.querySelectorAll(SCROLL_BOXES).forEach((box) => {
      const scrolls = box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== 'visible';
      if (scrolls && !box.hasAttribute('tabindex')) {
        box.tabIndex = 0;
        box.setAttribute('role', 'region');
        box.setAttribute('aria-label', scrollLabel(box));
      } else if (!scrolls && box.getAttribute('role') === 'region') {
        box.removeAttribute('tabindex');
        box.removeAttribute('role');
        box.removeAttribute('aria-label');
      }
    });
  }

  // A task list's checkboxes are read-only marks: each is named by its item's text.
  function labelTaskBoxes(root) {
    root.querySelectorAll('.task-list-item > input[type=checkbox]:not([aria-label])').forEach((box) => {
      box.setAttribute('aria-label', box.parentElement.textContent.trim());
    });
  }

  // Exposed so that the admin editor's live preview can enhance freshly rendered HTML the
  // same way; every step skips what it already did.
  function enhance(root) {
    const scope = root || document;
    highlightCode(scope);
    addCopyButtons(scope);
    labelScrollBoxes(scope);
    labelTaskBoxes(scope);
  }

  window.BlogArticle = { enhance };
  enhance(document);
  trackToc(document);
  let resizing = 0;
  window.addEventListener('resize', () => {
    cancelAnimationFrame(resizing);
    resizing = requestAnimationFrame(() => labelScrollBoxes(document));
  });
})();
