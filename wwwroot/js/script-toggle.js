// Simplified / traditional characters for readers, on article pages. The converter (OpenCC,
// 1.2 MB) loads only when a reader asks for it, or when they asked for it on an earlier visit
// (remembered in localStorage). Formulas and code are never touched.
(function () {
  'use strict';
  var UI = JSON.parse(((document.getElementById('ui-text') || {}).dataset || {}).strings || '{}');
  function t(key) { return UI[key] || key; }

  var KEY = 'blog.script';
  var SKIP = '.math, .katex, code, pre, script, style, .script-toggle';
  var button = document.querySelector('button.script-toggle');
  var article = document.querySelector('article.article');
  if (!button || !article) return;
  // The script the note was written in (its lang, set at save), and so what the toggle offers first.
  var written = article.lang === 'zh-Hant' ? 'traditional' : 'simplified';

  var originals = new Map(); // text node -> its text as written
  var converters = {};
  var loading = null;

  function loadOpenCC() {
    if (window.OpenCC) return Promise.resolve(window.OpenCC);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = button.dataset.converter;
        script.onload = function () { resolve(window.OpenCC); };
        script.onerror = function () { loading = null; reject(new Error('OpenCC failed to load')); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function textNodes() {
    var nodes = [];
    document.querySelectorAll('.article-title, .article-body, nav.toc').forEach(function (root) {
      var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
        acceptNode: function (node) {
          var parent = node.parentElement;
          if (!node.nodeValue.trim() || (parent && parent.closest(SKIP))) return NodeFilter.FILTER_REJECT;
          return NodeFilter.FILTER_ACCEPT;
        }
      });
      while (walker.nextNode()) nodes.push(walker.currentNode);
    });
    return nodes;
  }

  function show(script) {
    button.textContent = script === 'traditional' ? '简' : '繁';
    button.setAttribute('aria-pressed', script === 'traditional' ? 'true' : 'false');
    button.title = t(script === 'traditional' ? 'Show simplified characters' : 'Show traditional characters');
  }

  function apply(script) {
    return loadOpenCC().then(function (OpenCC) {
      var convert = converters[script] || (converters[script] = script === 'traditional'
        ? OpenCC.Converter({ from: 'cn', to: 'tw' })
        : OpenCC.Converter({ from: 'tw', to: 'cn' }));
      textNodes().forEach(function (node) {
        if (!originals.has(node)) originals.set(node, node.nodeValue);
        node.nodeValue = convert(originals.get(node));
      });
      document.documentElement.dataset.script = script;
      // Screen readers and fonts pick their forms by lang: it follows what the reader now sees.
      article.lang = script === 'traditional' ? 'zh-Hant' : 'zh-Hans';
      show(script);
    });
  }

  function remembered() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }

  function remember(script) {
    try { localStorage.setItem(KEY, script); } catch (e) { /* private mode: just not remembered */ }
  }

  button.hidden = false;
  show(written);
  button.addEventListener('click', function () {
    var next = button.getAttribute('aria-pressed') === 'true' ? 'simplified' : 'traditional';
    button.disabled = true;
    apply(next).then(function () { remember(next); }, function () { button.title = t('Could not load the converter'); })
      .then(function () { button.disabled = false; });
  });

  var preferred = remembered();
  if (preferred && preferred !== written) apply(preferred).catch(function () { /* keep the text as written */ });
})();
