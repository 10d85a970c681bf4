// The post editor (src/Pages/Admin/Posts/Edit.cshtml): live preview rendered by the server's
// own pipeline, autosave, a last-resort copy in localStorage, image paste/drop upload, and the
// keyboard of a code editor. Plain script, no framework; CSP allows no inline script, so all
// wiring happens here. The rule everywhere: never lose a word the author typed.
(() => {
  'use strict';
  // The interface's strings, from the page's #ui-text (the English key when there is none).
  const UI = JSON.parse(document.getElementById('ui-text')?.dataset.strings || '{}');
  const t = (key, ...args) => (UI[key] ?? key).replace(/\{(\d)\}/g, (_, i) => args[i]);

  const form = document.getElementById('editor');
  if (!form) return;

  const title = form.querySelector('[name="Input.Title"]');
  const slug = form.querySelector('[name="Input.Slug"]');
  const slugFromTitle = form.querySelector('[name="Input.SlugFromTitle"]');
  const markdown = form.querySelector('[name="Input.Markdown"]');
  const version = form.querySelector('[name="Input.Version"]');
  const preview = document.getElementById('preview');
  const renderError = document.getElementById('render-error');
  const saveState = document.getElementById('save-state');
  const uploadState = document.getElementById('upload-state');
  const token = form.querySelector('input[name="__RequestVerificationToken"]').value;

  const AUTOSAVE_EVERY_MS = 3000;
  const LOCAL_PREFIX = 'blog-editor:';
  const KEEPALIVE_MAX_BYTES = 60000; // browsers cap keepalive request bodies at 64 KB

  const state = {
    postId: form.dataset.postId || '',
    // What the server holds (saved or autosaved); null when the text in the form is not stored yet.
    persisted: form.dataset.persisted === 'true' ? snapshot() : null,
    autosaving: null,      // the promise of the autosave in flight
    retryAt: 0,            // after a failed autosave, wait before the next one
    failures: 0,
    blocked: false,        // saved elsewhere meanwhile: autosave would only be refused
    lastAutosave: Date.now(),
    metaChanged: false,    // slug, category, tags, summary: kept by a save, not by autosave
    leaving: false,        // a deliberate submit or navigation: no "unsaved changes" prompt
  };

  // ---------- small helpers ----------

  function snapshot() {
    return { title: title.value, markdown: markdown.value };
  }

  function unsaved() {
    const now = snapshot();
    if (!state.persisted) return now.title !== '' || now.markdown !== '';
    return now.title !== state.persisted.title || now.markdown !== state.persisted.markdown;
  }

  function handlerUrl(handler) {
    return `${location.pathname}?handler=${handler}`;
  }

  // POSTs form fields with the antiforgery token in the header Razor Pages looks at.
  function postForm(url, fields, extra) {
    return fetch(url, {
      method: 'POST',
      headers: { RequestVerificationToken: token },
      body: new URLSearchParams(fields),
      credentials: 'same-origin',
      ...extra,
    });
  }

  // An expired sign-in answers with the sign-in page (fetch follows the redirect).
  function signedOut(response) {
    return response.redirected && new URL(response.url).pathname.startsWith('/admin/login');
  }

  function clockTime(date) {
    return date.toTimeString().slice(0, 8);
  }

  // ---------- Write / Preview tabs: on a narrow screen the preview would sit below the fold ----------

  function writePreviewTabs() {
    const panes = form.querySelector('.editor-panes');
    const source = form.querySelector('.editor-source');
    const preview = form.querySelector('.editor-preview');
    if (!panes || !source || !preview) return;
    source.id ||= 'write-pane';
    preview.id ||= 'preview-pane';
    const tabs = document.createElement('div');
    tabs.className = 'editor-tabs';
    tabs.setAttribute('role', 'tablist');
    const make = (label, pane, controls) => {
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-controls', controls.id);
      tab.textContent = label;
      tab.addEventListener('click', () => select(pane));
      tabs.append(tab);
      return tab;
    };
    const write = make(t('Write'), 'write', source);
    const show = make(t('Preview'), 'preview', preview);
    function select(pane) {
      panes.dataset.pane = pane;
      write.setAttribute('aria-selected', String(pane === 'write'));
      show.setAttribute('aria-selected', String(pane === 'preview'));
      write.tabIndex = pane === 'write' ? 0 : -1;
      show.tabIndex = pane === 'preview' ? 0 : -1;
    }
    // Arrow keys move between the two tabs, as in every tab list.
    tabs.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      const next = panes.dataset.pane === 'write' ? 'preview' : 'write';
      select(next);
      (next === 'write' ? write : show).focus();
      event.preventDefault();
    });
    panes.before(tabs);
    select('write');
  }

  // ---------- save indicator ----------

  const SAVE_TEXT = {
    saving: () => t('Saving…'),
    saved: (time) => t('Saved {0}', time),
    unsaved: () => t('Unsaved changes'),
    offline: () => t('Offline — kept in this browser'),
    conflict: () => t('Saved elsewhere meanwhile — your text is kept in this browser; save to compare'),
    signedout: () => t('Signed out — kept in this browser; sign in again in another tab, then save'),
    failed: (status) => t('Autosave failed ({0}) — kept in this browser', status),
  };

  function showSaveState(kind, detail) {
    saveState.dataset.state = kind;
    saveState.textContent = SAVE_TEXT[kind](detail);
  }

  // ---------- slug follows the title ----------

  // The client twin of Slugs.FromTitle: letters and digits of any script (Chinese stays Chinese),
  // lower case, joined by hyphens. The server derives its own while SlugFromTitle is true.
  function slugOf(text) {
    let result = text.normalize('NFKC').toLowerCase()
      .replace(/[^\p{L}\p{Nd}\p{M}_]+/gu, '-')
      .replace(/^-+|-+$/g, '');
    if (result.length > 80) {
      const cut = result.lastIndexOf('-', 80);
      result = result.slice(0, cut >= 40 ? cut : 80).replace(/[\uD800-\uDBFF]$/, '').replace(/-+$/, '');
    }
    return result;
  }

  function followTitle() {
    if (slugFromTitle.value.toLowerCase() === 'true') slug.value = slugOf(title.value);
  }

  function slugEdited() {
    // Emptying the field hands the slug back to the title (from its next change, so that the
    // author can clear the field and type a new slug).
    slugFromTitle.value = slug.value.trim() === '' ? 'true' : 'false';
  }

  // ---------- live preview ----------

  let previewTimer = 0;
  let previewSent = 0;     // number of the latest preview request
  let previewShown = 0;    // number of the request whose answer is on screen
  let previewCost = 0;     // how long the last one took: long notes get a longer pause

  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, 300 + Math.min(previewCost, 1500));
  }

  async function refreshPreview() {
    const number = ++previewSent;
    const started = performance.now();
    try {
      const response = await postForm(handlerUrl('Preview'), { 'Input.Markdown': markdown.value });
      if (!response.ok || signedOut(response)) return; // keep the last preview
      const answer = await response.json();
      if (number <= previewShown) return; // a newer preview is already on screen
      previewShown = number;
      showPreview(answer);
    } catch (e) {
      // offline: the last preview stays, autosave reports the state
    } finally {
      previewCost = performance.now() - started;
    }
  }

  function showPreview(answer) {
    const rendered = harvestRendered(preview);
    preview.innerHTML = answer.html; // the pipeline's own HTML, as it will be published
    reuseRendered(preview, rendered);
    if (window.BlogArticle) window.BlogArticle.enhance(preview);
    renderError.hidden = !answer.error;
    renderError.textContent = answer.error || '';
  }

  // Re-typesetting every formula of a long note on each keystroke is slow: keep the KaTeX and
  // highlight.js output of formulas and code blocks whose source did not change.
  function codeKey(code) {
    const language = (code.className.match(/language-\S+/) || [''])[0];
    return `${language}\n${code.textContent}`;
  }

  function harvestRendered(root) {
    const rendered = new Map();
    root.querySelectorAll('.math[data-rendered][data-source]').forEach((el) => {
      rendered.set(`math:${el.tagName}:${el.dataset.source}`, el.innerHTML);
    });
    root.querySelectorAll('pre code[data-highlighted]').forEach((code) => {
      rendered.set(`code:${codeKey(code)}`, code.innerHTML);
    });
    return rendered;
  }

  function reuseRendered(root, rendered) {
    root.querySelectorAll('span.math, div.math').forEach((el) => {
      const source = el.textContent;
      el.dataset.source = source;
      const html = rendered.get(`math:${el.tagName}:${source}`);
      if (html !== undefined) {
        el.innerHTML = html;
        el.dataset.rendered = 'katex';
      }
    });
    root.querySelectorAll('pre code[class*="language-"]').forEach((code) => {
      const html = rendered.get(`code:${codeKey(code)}`);
      if (html !== undefined) {
        code.innerHTML = html;
        code.classList.add('hljs');
        code.dataset.highlighted = 'yes';
      }
    });
  }

  // ---------- last-resort copy in this browser ----------

  function localKey(id) {
    return LOCAL_PREFIX + (id || 'new');
  }

  function readLocal(key) {
    try {
      const copy = JSON.parse(localStorage.getItem(key) || 'null');
      return copy && typeof copy.markdown === 'string' ? copy : null;
    } catch (e) {
      return null;
    }
  }

  function keepLocal() {
    try {
      localStorage.setItem(localKey(state.postId), JSON.stringify({
        ...snapshot(), version: version.value, at: Date.now(),
      }));
    } catch (e) {
      // private mode or a full quota (a 2 MB note is 4 MB here): the server copy has to do
    }
  }

  function dropLocal(key) {
    try {
      localStorage.removeItem(key || localKey(state.postId));
    } catch (e) {
      // nothing to drop
    }
  }

  let localTimer = 0;
  function keepLocalSoon() {
    clearTimeout(localTimer);
    localTimer = setTimeout(() => { if (unsaved()) keepLocal(); }, 400);
  }

  function sameAsForm(copy) {
    return copy.title === title.value && copy.markdown === markdown.value;
  }

  // On load: a copy this browser kept and the server does not have is offered back. While the
  // offer stands, the copy waits under a key of its own, so that new typing (kept under the
  // usual key) cannot overwrite it; it goes only when the author restores or discards it.
  function checkLocalCopy() {
    const key = localKey(state.postId);
    if (new URLSearchParams(location.search).has('fresh')) {
      // The author chose the saved version over their unsaved text.
      dropLocal(key);
      history.replaceState(null, '', location.pathname);
    }
    if (state.postId) {
      // After the first save of a new post, its copy under "new" is the same text.
      const fresh = readLocal(localKey(''));
      if (fresh && sameAsForm(fresh)) dropLocal(localKey(''));
    }
    const current = readLocal(key);
    if (current && sameAsForm(current)) {
      if (state.persisted) dropLocal(key);
    } else if (current) {
      try {
        localStorage.setItem(`${key}:kept`, JSON.stringify(current));
        dropLocal(key);
      } catch (e) {
        // cannot move it: leave it where it is, it is offered below all the same
      }
    }
    const kept = readLocal(`${key}:kept`) || (current && !sameAsForm(current) ? current : null);
    if (kept && !sameAsForm(kept)) offerLocalCopy(kept, `${key}:kept`);
    else if (kept) dropLocal(`${key}:kept`);
  }

  function offerLocalCopy(copy, keptKey) {
    const notice = document.createElement('div');
    notice.className = 'editor-notice editor-local-copy';
    notice.setAttribute('role', 'alert');
    const text = document.createElement('span');
    text.textContent = t('This browser kept text you had not saved, from {0}.', new Date(copy.at).toLocaleString());
    const restore = button(t('Restore it'), () => {
      title.value = copy.title;
      markdown.value = copy.markdown;
      // Based on an older version? Then saving it shows the difference instead of overwriting.
      if (copy.version) version.value = copy.version;
      state.persisted = null;
      state.blocked = false;
      followTitle();
      changed();
      keepLocal();
      dropLocal(keptKey);
      notice.remove();
    });
    const discard = button(t('Discard'), () => {
      dropLocal(keptKey);
      notice.remove();
    });
    discard.classList.add('link-button');
    notice.append(text, ' ', restore, ' ', discard);
    form.before(notice);
  }

  function button(label, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', onClick);
    return b;
  }

  // ---------- autosave ----------

  function autosaveDue() {
    return unsaved() && !state.autosaving && !state.blocked && Date.now() >= state.retryAt
      && (state.postId || title.value.trim() !== '' || markdown.value !== '');
  }

  function autosave(keepalive) {
    state.lastAutosave = Date.now();
    const sent = snapshot();
    const body = { 'Input.Title': sent.title, 'Input.Markdown': sent.markdown, 'Input.Version': version.value };
    showSaveState('saving');
    state.autosaving = postForm(handlerUrl('Autosave'), body, keepalive ? { keepalive: true } : {})
      .then((response) => autosaved(response, sent), () => autosaveFailed('offline'))
      .finally(() => { state.autosaving = null; });
    return state.autosaving;
  }

  async function autosaved(response, sent) {
    if (signedOut(response)) return autosaveFailed('signedout');
    if (response.status === 409) {
      state.blocked = true;
      keepLocal();
      showSaveState('conflict');
      return;
    }
    if (!response.ok) return autosaveFailed('failed', response.status);
    const answer = await response.json();
    if (!state.postId) adoptNewPost(answer);
    state.persisted = sent;
    state.failures = 0;
    state.retryAt = 0;
    if (unsaved()) {
      keepLocal();
      showSaveState('unsaved');
    } else {
      dropLocal();
      showSaveState('saved', answer.savedAtLocal);
    }
  }

  function autosaveFailed(kind, detail) {
    keepLocal();
    state.failures += 1;
    state.retryAt = Date.now() + Math.min(60000, 2500 * 2 ** state.failures);
    showSaveState(kind, detail);
  }

  // The first autosave of a new post created it: from now on this page edits that post.
  function adoptNewPost(answer) {
    const oldKey = localKey('');
    state.postId = String(answer.id);
    form.dataset.postId = state.postId;
    version.value = answer.version;
    history.replaceState(null, '', answer.url);
    form.action = answer.url;
    const badge = form.querySelector('.status-badge');
    if (badge) badge.textContent = t('Draft');
    dropLocal(oldKey);
  }

  // Leaving the page (tab closed, app switched on a phone): send what is not stored yet.
  function flushOnHide() {
    if (document.visibilityState !== 'hidden' || state.leaving || !autosaveDue()) return;
    const size = title.value.length + markdown.value.length * 3;
    keepLocal();
    autosave(size < KEEPALIVE_MAX_BYTES);
  }

  // ---------- editing events ----------

  function changed() {
    // Problems stay on show until an autosave gets through.
    if (!state.autosaving && [undefined, 'saved', 'unsaved'].includes(saveState.dataset.state)) showSaveState('unsaved');
    keepLocalSoon();
    schedulePreview();
  }

  function onSubmit(event) {
    // A save pressed while the first autosave is creating the post must go to that post.
    if (state.autosaving && !state.postId) {
      event.preventDefault();
      const submitter = event.submitter;
      state.autosaving.then(() => form.requestSubmit(submitter));
      return;
    }
    keepLocal(); // dropped on the next load if the save went through
    leaveDeliberately();
  }

  function leaveDeliberately() {
    state.leaving = true;
    // If the navigation is cancelled after all, warn about unsaved text again.
    setTimeout(() => { state.leaving = false; }, 3000);
  }

  function onBeforeUnload(event) {
    if (state.leaving || !(unsaved() || state.metaChanged)) return;
    keepLocal();
    event.preventDefault();
    event.returnValue = ''; // older browsers need it to show the prompt
  }

  // ---------- keyboard: tab indents, Ctrl+S saves ----------

  const INDENT = '    ';
  let escapePressed = false;

  // execCommand keeps the browser's undo history; setRangeText is the fallback without it.
  function replaceSelection(start, end, text, selectStart, selectEnd) {
    markdown.focus();
    markdown.setSelectionRange(start, end);
    if (!document.execCommand('insertText', false, text)) {
      markdown.setRangeText(text, start, end, 'end');
      markdown.dispatchEvent(new Event('input', { bubbles: true }));
    }
    markdown.setSelectionRange(selectStart, selectEnd);
  }

  function selectedLines() {
    const value = markdown.value;
    const start = value.lastIndexOf('\n', markdown.selectionStart - 1) + 1;
    let end = markdown.selectionEnd;
    if (end > start && value[end - 1] === '\n') end -= 1; // a selection ending at a line start leaves that line alone
    const lineEnd = value.indexOf('\n', end);
    return { start, end: lineEnd === -1 ? value.length : lineEnd };
  }

  function indent() {
    const { selectionStart, selectionEnd, value } = markdown;
    if (!value.slice(selectionStart, selectionEnd).includes('\n')) {
      replaceSelection(selectionStart, selectionEnd, INDENT, selectionStart + INDENT.length, selectionStart + INDENT.length);
      return;
    }
    const lines = selectedLines();
    const block = value.slice(lines.start, lines.end).split('\n').map((line) => INDENT + line).join('\n');
    replaceSelection(lines.start, lines.end, block, lines.start, lines.start + block.length);
  }

  function outdent() {
    const lines = selectedLines();
    const original = markdown.value.slice(lines.start, lines.end);
    const block = original.split('\n').map((line) => line.replace(/^( {1,4}|\t)/, '')).join('\n');
    if (block === original) return;
    const caret = Math.max(lines.start, markdown.selectionStart - (original.length - block.length));
    const single = !original.includes('\n');
    replaceSelection(lines.start, lines.end, block, single ? caret : lines.start, single ? caret : lines.start + block.length);
  }

  function onMarkdownKey(event) {
    if (event.key === 'Escape') {
      escapePressed = true;
      return;
    }
    const plainTab = event.key === 'Tab' && !event.ctrlKey && !event.altKey && !event.metaKey;
    if (plainTab && !escapePressed) {
      event.preventDefault();
      if (event.shiftKey) outdent(); else indent();
    }
    escapePressed = false; // Esc then Tab moves focus on, as keyboard users expect
  }

  function onPageKey(event) {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
      event.preventDefault();
      form.requestSubmit(form.querySelector('button[name="intent"][value="save"]'));
    }
  }

  // ---------- images: paste or drop to upload ----------

  const uploadUrl = form.dataset.uploadUrl;
  const uploadLimit = Number(form.dataset.uploadLimit) || Infinity;

  function imagesIn(transfer) {
    if (!transfer) return [];
    const files = Array.from(transfer.files || []);
    if (files.length === 0 && transfer.items) {
      Array.from(transfer.items).forEach((item) => {
        if (item.kind === 'file') files.push(item.getAsFile());
      });
    }
    return files.filter(Boolean);
  }

  function onPaste(event) {
    const files = imagesIn(event.clipboardData).filter((f) => f.type.startsWith('image/'));
    // A copy from a spreadsheet or a word processor carries text and a picture of it: keep the text.
    if (files.length === 0 || event.clipboardData.getData('text/plain')) return;
    event.preventDefault();
    files.forEach(upload);
  }

  function onDragOver(event) {
    if (!Array.from(event.dataTransfer.types || []).includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    markdown.classList.add('dropping');
  }

  function onDrop(event) {
    markdown.classList.remove('dropping');
    const files = imagesIn(event.dataTransfer);
    if (files.length === 0) return;
    event.preventDefault();
    files.forEach(upload);
  }

  function altText(fileName) {
    const base = (fileName || '').replace(/\.[^.]*$/, '').trim() || 'image';
    return base.replace(/[\\[\]]/g, '\\$&');
  }

  function upload(file) {
    const name = altText(file.name);
    if (!file.type.startsWith('image/')) {
      uploadMessage(t('{0}: only images (PNG, JPEG, GIF, WebP) can be uploaded.', file.name));
      return;
    }
    if (file.size > uploadLimit) {
      uploadMessage(t('{0}: larger than the upload limit of {1} MB.', file.name, (uploadLimit / 1048576).toFixed(1)));
      return;
    }
    // Two uploads of "image.png" at once need placeholders that tell them apart.
    let placeholder = `![Uploading ${name}…]()`;
    for (let n = 2; markdown.value.includes(placeholder); n++) placeholder = `![Uploading ${name} (${n})…]()`;
    replaceSelection(markdown.selectionStart, markdown.selectionEnd, placeholder,
      markdown.selectionStart + placeholder.length, markdown.selectionStart + placeholder.length);
    const body = new FormData();
    body.append('file', file, file.name || 'image.png');
    fetch(uploadUrl, { method: 'POST', headers: { RequestVerificationToken: token }, body, credentials: 'same-origin' })
      .then(async (response) => {
        if (signedOut(response)) throw new Error('signed out: sign in again in another tab');
        const answer = await response.json().catch(() => ({}));
        if (!response.ok) throw new Error(answer.error || `the server answered ${response.status}`);
        const alt = typeof answer.alt === 'string' ? answer.alt.replace(/[\\[\]]/g, '\\$&') : name;
        swapPlaceholder(placeholder, `![${alt}](${answer.url})`);
        // A screenshot's file name says nothing to a reader who cannot see it: ask for words.
        uploadMessage(alt ? '' : 'Image uploaded: describe it between ![ and ] for readers who cannot see it.', false);
      })
      .catch((error) => {
        swapPlaceholder(placeholder, '');
        uploadMessage(t('{0} was not uploaded: {1}', file.name || t('The image'), error.message === 'Failed to fetch' ? t('offline') : error.message));
      });
  }

  // Replaces the placeholder wherever the author's typing has moved it, keeping their caret
  // where it was relative to the text around it (setRangeText's own 'preserve' would select
  // the new text when the caret sits right after the placeholder, and the next key typed
  // would replace the image link). No focus change: the author may be typing elsewhere.
  function swapPlaceholder(placeholder, text) {
    const at = markdown.value.indexOf(placeholder);
    if (at === -1) return; // the author deleted it: they did not want the image there
    const end = at + placeholder.length;
    const shift = (pos) => (pos >= end ? pos + text.length - placeholder.length : pos > at ? at + text.length : pos);
    const [start, stop] = [shift(markdown.selectionStart), shift(markdown.selectionEnd)];
    markdown.setRangeText(text, at, end);
    markdown.setSelectionRange(start, stop);
    markdown.dispatchEvent(new Event('input', { bubbles: true }));
  }

  function uploadMessage(text, isError = text !== '') {
    uploadState.textContent = text;
    uploadState.classList.toggle('is-error', isError);
  }

  // ---------- scroll the preview along with the source ----------

  function syncScroll() {
    const pane = preview.parentElement;
    const range = markdown.scrollHeight - markdown.clientHeight;
    if (range <= 0 || pane.scrollHeight <= pane.clientHeight) return;
    pane.scrollTop = (markdown.scrollTop / range) * (pane.scrollHeight - pane.clientHeight);
  }

  // ---------- wiring ----------

  // A NUL character (pasted from a binary file) makes the whole form unreadable to the server,
  // which refuses %00 in form values: it becomes U+FFFD, as an HTML parser would show it. Capture
  // phase, so that the preview, autosave and save all see the replaced text.
  form.addEventListener('input', (event) => {
    const field = event.target;
    if (!('value' in field) || typeof field.value !== 'string' || !field.value.includes('\0')) return;
    const { selectionStart, selectionEnd } = field;
    field.value = field.value.replaceAll('\0', '\uFFFD'); // one character for one: the caret stays put
    if (typeof selectionStart === 'number') field.setSelectionRange(selectionStart, selectionEnd);
  }, true);
  title.addEventListener('input', () => { followTitle(); changed(); });
  slug.addEventListener('input', slugEdited);
  markdown.addEventListener('input', changed);
  markdown.addEventListener('keydown', onMarkdownKey);
  markdown.addEventListener('paste', onPaste);
  markdown.addEventListener('dragover', onDragOver);
  markdown.addEventListener('dragleave', () => markdown.classList.remove('dropping'));
  markdown.addEventListener('drop', onDrop);
  markdown.addEventListener('scroll', syncScroll, { passive: true });
  form.addEventListener('submit', onSubmit);
  document.addEventListener('keydown', onPageKey);
  document.addEventListener('visibilitychange', flushOnHide);
  window.addEventListener('beforeunload', onBeforeUnload);
  window.addEventListener('online', () => { state.retryAt = 0; });

  document.querySelectorAll('form[data-confirm]').forEach((other) => {
    other.addEventListener('submit', (event) => {
      if (!window.confirm(other.dataset.confirm)) event.preventDefault(); else leaveDeliberately();
    });
  });
  const discardAutosave = document.getElementById('discard-autosave');
  if (discardAutosave) discardAutosave.addEventListener('submit', () => { dropLocal(); leaveDeliberately(); });
  document.querySelectorAll('a[data-discard-local]').forEach((link) => link.addEventListener('click', leaveDeliberately));

  form.querySelectorAll('[name="Input.Slug"], [name="Input.CategoryId"], [name="Input.Tags"], [name="Input.Summary"], [name="Input.PublishAt"]')
    .forEach((field) => field.addEventListener('change', () => { state.metaChanged = true; }));

  setInterval(() => {
    if (autosaveDue() && Date.now() - state.lastAutosave >= AUTOSAVE_EVERY_MS) autosave(false);
  }, 1000);
  writePreviewTabs();
  checkLocalCopy();
  if (!state.persisted) {
    keepLocal(); // a refused save re-shows text the server does not have
    showSaveState('unsaved');
  }
})();
