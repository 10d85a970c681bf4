// Opens every post in Chromium and counts what a reader would see broken. Input: base URL and a
// JSON file of [{ collection, slug }]; output: one JSON line per post on stdout.
// Uses playwright-core with Debian's Chromium (never a downloaded browser).
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [baseUrl, postsFile] = process.argv.slice(2);
const posts = JSON.parse(readFileSync(postsFile, 'utf8'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext();
// A busy machine (the site makes image variants after an import) can take a while per page.
context.setDefaultTimeout(120_000);
const anchorsOf = new Map(); // path -> Set of ids, or null when the page does not answer

async function idsOf(path) {
  if (!anchorsOf.has(path)) {
    const response = await context.request.get(baseUrl + path, { maxRedirects: 5, timeout: 120_000 }).catch(() => null);
    if (!response || response.status() >= 400) anchorsOf.set(path, null);
    else anchorsOf.set(path, new Set([...(await response.text()).matchAll(/\sid="([^"]*)"/g)].map(m => decodeEntities(m[1]))));
  }
  return anchorsOf.get(path);
}

function decodeEntities(s) {
  return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(+n))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)));
}

const imageOk = new Map();
async function imageAnswers(url) {
  if (!imageOk.has(url)) {
    const response = await context.request.get(url, { timeout: 120_000 }).catch(() => null);
    imageOk.set(url, !!response && response.status() < 400 && (response.headers()['content-type'] || '').startsWith('image/'));
  }
  return imageOk.get(url);
}

for (const post of posts) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  const url = `${baseUrl}/posts/${encodeURIComponent(post.slug)}`;
  const response = await page.goto(url, { waitUntil: 'load' })
    .catch(() => page.goto(url, { waitUntil: 'load' })); // once more before giving up on the page
  await page.waitForTimeout(150); // deferred scripts (client-side math, if any) finish
  const found = await page.evaluate(() => {
    const body = document.querySelector('.article-body');
    if (!body) return null;
    // What a reader sees as text: not code, not typeset math (its glyphs, a '<' among them, are
    // the formula's; its TeX is judged below), not a formula KaTeX refused (counted as a math error).
    const skip = 'pre, code, .katex, .math-error, annotation, script, style, [hidden]';
    const texts = [];
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.parentElement.closest(skip)) texts.push(n.nodeValue);
    }
    const visible = texts.join('');
    // Each formula's TeX, and whether it stands as a block of its own (written so on purpose).
    const formulas = [...body.querySelectorAll('.math')].map(e => ({
      tex: (e.querySelector('annotation[encoding="application/x-tex"]') ?? e.querySelector('code') ?? e).textContent,
      block: e.tagName === 'DIV',
    }));
    return {
      visible,
      formulas,
      mathErrors: body.querySelectorAll('.katex-error, .math-error').length,
      untypeset: body.querySelectorAll('.math:not(:has(.katex)):not(.math-error)').length,
      images: [...body.querySelectorAll('img')].map(i => i.getAttribute('src') || ''),
      links: [...body.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
    };
  });
  const result = { collection: post.collection, key: post.key, slug: post.slug, status: response?.status() ?? 0, problems: {} };
  const add = (kind, detail) => (result.problems[kind] ??= []).push(String(detail).replace(/\s+/g, " ").slice(0, 120));
  if (!found) {
    add('notes missing', 'no article on the page');
  } else {
    const v = found.visible;
    for (const m of v.matchAll(/\$\$?[^$\n]{1,80}?\$\$?|\\(?:frac|begin|end|sum|mathbf|mathcal|mathrm|alpha|beta|theta|lambda|pi|sigma|left|right|cdot|hat|boldsymbol|text|times|partial|nabla|infty|log|exp|max|min|quad|operatorname)\b|\\\(|\\\[|[_^]\{[^}]*\}/g))
      add('raw TeX visible', m[0]);
    for (const m of v.matchAll(/<\/?(?:img|div|br|p|span|font|center|sup|sub|table|tr|td|th|details|summary|a|b|i|u|kbd|mark|figure|figcaption|strong|em|h\d|ul|ol|li)\b[^>]*>/gi))
      add('HTML shown as text', m[0]);
    for (const m of v.matchAll(/.{0,12}\*\*.{0,12}/g)) add('literal **', m[0]);
    for (const m of v.matchAll(/<!--/g)) add('shown comments', m[0]); // not '-->': notes draw arrows ('新建 ---> 就绪')
    for (const m of v.matchAll(/\[\[[^\]]+\]\]/g)) add('dead links to other posts', m[0]);
    // A mispaired $ makes an inline formula of the prose between two; a display block holding
    // Chinese (情感分析输入与输出形式：[CLS]...) was written so.
    for (const { tex: t, block } of found.formulas) {
      if (block) continue;
      // Prose swallowed by a mispaired $ sits outside braces: \log_{子问题缩小倍数} is the author's.
      let prose = t;
      for (let before = ''; before !== prose;) [before, prose] = [prose, prose.replace(/\{[^{}]*\}/g, '')];
      const run = prose.match(/[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]{6,}/);
      if (run) add('formulas holding Chinese prose', run[0]);
    }
    if (found.mathErrors + found.untypeset > 0) add('math errors', `${found.mathErrors} errors, ${found.untypeset} untypeset`);
    for (const src of found.images) {
      if (/^(https?:)?\/\//i.test(src) && !src.startsWith(baseUrl)) continue; // on the web: not ours to judge
      if (src.startsWith('data:')) continue;
      const absolute = new URL(src, url).href;
      if (!src || !(await imageAnswers(absolute))) add('broken local images', src || '(empty src)');
    }
    for (const href of found.links) {
      if (/^(https?:|mailto:)/i.test(href) && !href.startsWith(baseUrl)) continue;
      if (href.startsWith('#')) continue; // the page's own anchors and footnotes
      const target = new URL(href, url);
      if (target.pathname.startsWith('/media/')) continue;
      const ids = await idsOf(target.pathname);
      const anchor = decodeURIComponent(target.hash.slice(1));
      if (ids === null || /\.(md|markdown)$/i.test(target.pathname)) add('dead links to other posts', href);
      else if (anchor && !ids.has(anchor)) add('dead links to other posts', href);
    }
  }
  if (errors.length) result.consoleErrors = errors.length;
  console.log(JSON.stringify(result));
  await page.close();
}
await browser.close();
