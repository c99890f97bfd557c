// Opens HTML reports and summaries in headless Chromium (Debian's /usr/bin/chromium, no
// browser download), runs axe-core in each page, then reads the visible
// text (innerText) of its parts. Prints one JSON object per page, in an
// array, for tests/html_browser.rs to compare with the canonical text.
//
// usage: node check.js PAGE.html...
'use strict';
const path = require('path');
const fs = require('fs');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.QUIRE_CHROMIUM || '/usr/bin/chromium';
const AXE = require.resolve('axe-core/axe.min.js');

async function main() {
  const pages = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Playwright gives each launch a fresh profile (user data dir).
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const out = [];
  try {
    for (const file of pages) {
      const page = await browser.newPage();
      const requests = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
      // Counted before axe's own script is added.
      const scripts = await page.evaluate(() => document.querySelectorAll('script').length);
      await page.addScriptTag({ content: fs.readFileSync(AXE, 'utf8') });
      const axe = await page.evaluate(async () => {
        const r = await window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
          resultTypes: ['violations', 'incomplete'],
        });
        const brief = (v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
        });
        return { violations: r.violations.map(brief), incomplete: r.incomplete.map(brief) };
      });
      const text = await page.evaluate(() => {
        // List markers are not part of innerText: write them in, as the
        // canonical text prints them, so that numbers are compared too.
        for (const li of document.querySelectorAll('main li')) {
          const mark = li.parentElement.tagName === 'OL' ? li.value + '. ' : '• ';
          li.insertBefore(document.createTextNode(mark), li.firstChild);
        }
        const questions = {};
        for (const s of document.querySelectorAll('section.question')) {
          questions[s.id.replace(/^question-/, '')] = s.innerText;
        }
        const parts = {};
        for (const s of document.querySelectorAll('section.part')) {
          parts[s.id.replace(/^part-/, '')] = s.querySelector('h2').innerText;
        }
        return {
          lang: document.documentElement.lang,
          title: document.title,
          h1: document.querySelector('h1').innerText,
          // A summary page has no footer; its whole text is compared.
          footer: document.querySelector('footer') ? document.querySelector('footer').innerText : null,
          main: document.querySelector('main') ? document.querySelector('main').innerText : null,
          parts,
          questions,
        };
      });
      out.push({ page: file, scripts, requests, axe, ...text });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
