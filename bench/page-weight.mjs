// Loads an article in Chromium at a phone's and a laptop's width, scrolls through it so every
// lazy image loads, and prints the bytes transferred (all, and images) and the Largest Contentful
// Paint. Usage: node bench/page-weight.mjs URL [label]   (needs playwright-core; Debian's Chromium)
import { chromium } from 'playwright-core';

const [url, label = ''] = process.argv.slice(2);
// A phone on a mid 4G link, and a laptop on broadband; DPR 1 unless the row says otherwise.
const rows = [
  { name: '390px', width: 390, height: 844, scale: 1, mobile: true, down: 9e6, latency: 60 },
  { name: '390px@3x', width: 390, height: 844, scale: 3, mobile: true, down: 9e6, latency: 60 },
  { name: '1280px', width: 1280, height: 800, scale: 1, mobile: false, down: 40e6, latency: 20 },
];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run'],
});
const results = [];
for (const row of rows) {
  const context = await browser.newContext({ viewport: { width: row.width, height: row.height }, deviceScaleFactor: row.scale, isMobile: row.mobile });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: row.latency, downloadThroughput: row.down / 8, uploadThroughput: row.down / 8,
  });
  const types = new Map();
  let bytes = 0, imageBytes = 0, images = 0;
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    if (types.get(e.requestId) === 'Image') { imageBytes += e.encodedDataLength; images++; }
  });
  await page.addInitScript(() => {
    window.__lcp = 0;
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__lcp = entry.startTime; })
      .observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  const lcp = await page.evaluate(() => window.__lcp);
  // Scrolled through a screen at a time, as a reader does, so that every lazy image is fetched.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < height; y += row.height) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(120);
  }
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete), null, { timeout: 120000 });
  const shifted = await page.evaluate(() => Array.from(document.querySelectorAll('article img')).filter((i) => !i.getAttribute('width')).length);
  results.push({ label, row: row.name, bytes, imageBytes, images, lcp: Math.round(lcp), withoutSize: shifted });
  await context.close();
}
await browser.close();
for (const r of results) console.log(JSON.stringify(r));
