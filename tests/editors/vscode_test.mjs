#!/usr/bin/env node
// Real VS Code (code-server) + the packaged gazette.vsix, driven through headless chromium
// with playwright-core. Run through tests/editors/run-vscode.sh, or:
//   node tests/editors/vscode_test.mjs --workspace WS --file article.txt --vsix gazette.vsix \
//     --server-path /abs/gazette [--install-dir ~/.cache/gazette-editors] [--shots DIR] [--keep]
// Checks: an info squiggle on "Congo" and its Problems row (ambiguous-entity, source gazette);
// hover on "Russia" shows the server's card; the status bar counts entities; "Gazette: Accept
// entity" from the command palette writes WS/article.ann (T line + Accepted status) and the
// status bar's reviewed share goes up. A part the server does not offer fails, or prints
// "SKIP: ..." with --allow-skip.
// Screenshots: hover.png, problems.png, review.png (failure.png on failure) in --shots.
// Exit 0 = pass.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';

const opt = {
  'install-dir': process.env.GAZETTE_EDITORS_CACHE || path.join(os.homedir(), '.cache/gazette-editors'),
  'timeout-ms': '30000', chromium: '/usr/bin/chromium', 'expect-hover': 'Official name: Russian Federation',
};
for (let i = 2; i < process.argv.length; i++) {
  const k = process.argv[i].replace(/^--/, '');
  if (k === 'keep' || k === 'allow-skip') opt[k] = true; else opt[k] = process.argv[++i];
}
for (const k of ['workspace', 'file', 'vsix', 'server-path'])
  if (!opt[k]) { console.error(`missing --${k}`); process.exit(2); }
const T = Number(opt['timeout-ms']);
const t0 = Date.now();
const log = (s) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${s}`);
const skips = [];
const skip = (s) => { if (!opt['allow-skip']) throw new Error(`${s} (--allow-skip to skip)`); skips.push(s); log(`SKIP: ${s}`); };
const ws = path.resolve(opt.workspace);
const article = path.join(ws, opt.file);
const annPath = article.replace(/\.(txt|md)$/, '') + '.ann';
const csRoot = path.join(path.resolve(opt['install-dir']), 'code-server');
const codeServer = path.join(csRoot, 'node_modules/.bin/code-server');
const { chromium } = createRequire(path.join(csRoot, 'package.json'))('playwright-core');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-vscode-'));
const shots = path.resolve(opt.shots || tmp);
fs.mkdirSync(shots, { recursive: true });
const udd = path.join(tmp, 'user-data'), ext = path.join(tmp, 'extensions'), cfg = path.join(tmp, 'config.yaml');
fs.mkdirSync(path.join(udd, 'User'), { recursive: true });
fs.writeFileSync(cfg, 'auth: none\ncert: false\n'); // never touch ~/.config/code-server
// The extension host takes PATH from a login shell, not from us: always an absolute server path.
const settingsFile = path.join(udd, 'User/settings.json');
const settings = {
  'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off', 'extensions.ignoreRecommendations': true,
  'workbench.tips.enabled': false, 'editor.hover.delay': 200, 'chat.disableAIFeatures': true,
  'gazette.server.path': path.resolve(opt['server-path']), 'gazette.documentDate': '2025-03-14',
};
fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
const common = ['--config', cfg, '--user-data-dir', udd, '--extensions-dir', ext];
const env = { ...process.env, XDG_DATA_HOME: path.join(tmp, 'xdg-data') };

// Screen rectangle of the first whole word `word` in the editor's rendered lines.
const wordRect = (page, word) => page.evaluate((w) => {
  const re = new RegExp(`\\b${w}\\b`);
  for (const line of document.querySelectorAll('.editor-instance .view-lines .view-line')) {
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const m = re.exec(n.textContent);
      if (!m) continue;
      const r = document.createRange();
      r.setStart(n, m.index); r.setEnd(n, m.index + w.length);
      const b = r.getBoundingClientRect();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    }
  }
  return null;
}, word);
const hoverText = (page) => page.evaluate(() => [...document.querySelectorAll('.monaco-hover')].map((e) => e.innerText).join('\n').trim());
const statusText = (page) => page.evaluate(() => [...document.querySelectorAll('.statusbar-item')]
  .map((e) => e.innerText.trim()).find((t) => /entit(y|ies)|gazette/.test(t)) || '');
const readAnn = () => { try { return fs.readFileSync(annPath, 'utf8'); } catch { return ''; } };

async function hoverOn(page, rect, expect) {
  for (let i = 0; i < 6; i++) {
    await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2, { steps: 3 });
    try {
      await page.waitForFunction((ss) => { const t = [...document.querySelectorAll('.monaco-hover')].map((e) => e.innerText).join('\n'); return ss.every((s) => t.includes(s)); }, [].concat(expect), { timeout: 3000 });
      return hoverText(page);
    } catch {}
    await page.mouse.move(5, 5);
  }
  return hoverText(page);
}

async function palette(page, title) {
  await page.keyboard.press('F1');
  const qi = page.locator('.quick-input-widget input');
  await qi.waitFor({ timeout: T });
  await qi.fill(`>${title}`);
  // the row whose label is exactly the title (fuzzy matching also lists "Accept all ...")
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${title}$`) }) }).first();
  await row.waitFor({ timeout: T });
  await row.click();
}

// After a review command: 'ann' once WS/article.ann has a new `Status Tn <status>` line, or the
// text of the "does not offer" message the extension shows when the server lacks the command.
async function reviewOutcome(page, status, before) {
  const deadline = Date.now() + 10000;
  while (Date.now() < deadline) {
    const toast = await page.evaluate(() => [...document.querySelectorAll('.notifications-toasts .notification-list-item')].map((e) => e.innerText).join(' | '));
    if (/does not offer/.test(toast)) return `toast: ${toast}`;
    if (/failed/.test(toast)) throw new Error(`review command failed: ${toast}`);
    const now = readAnn();
    if (now !== before && new RegExp(`\tStatus T\\d+ ${status}`).test(now)) return 'ann';
    await new Promise((r) => setTimeout(r, 200));
  }
  return '';
}

// Click into `word` and make sure the cursor landed there (status bar "Ln L, Col C").
async function placeCursor(page, word) {
  const lines = fs.readFileSync(article, 'utf8').split('\n');
  const line = lines.findIndex((l) => new RegExp(`\\b${word}\\b`).test(l));
  const col = lines[line].search(new RegExp(`\\b${word}\\b`));
  const inWord = (t) => { const m = /Ln\s(\d+),\sCol\s(\d+)/.exec(t); return m && +m[1] === line + 1 && +m[2] > col && +m[2] <= col + word.length + 1; };
  const where = () => page.evaluate(() => [...document.querySelectorAll('.statusbar-item')].map((e) => e.innerText).find((t) => /Ln\s\d+,\sCol\s\d+/.test(t)) || '');
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Escape');
    const r = await wordRect(page, word);
    await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
    await page.waitForTimeout(150);
    if (inWord(await where())) return;
  }
  throw new Error(`could not put the cursor into ${word} (status bar: ${await where()})`);
}

let server, browser, failed = false;
async function main() {
  const inst = spawnSync(codeServer, [...common, '--install-extension', path.resolve(opt.vsix)], { encoding: 'utf8', env });
  if (inst.status !== 0) throw new Error(`--install-extension failed:\n${inst.stdout}${inst.stderr}`);
  log(`installed ${path.basename(opt.vsix)}`);
  const port = await new Promise((res) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });
  server = spawn(codeServer, [...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', ws],
  { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env });
  let serverLog = '';
  server.stdout.on('data', (d) => { serverLog += d; });
  server.stderr.on('data', (d) => { serverLog += d; });
  for (let i = 0; ; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break; } catch {}
    if (i > 150) throw new Error(`code-server did not start:\n${serverLog}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  log(`code-server up on ${port}`);
  // Without the background-networking flags chromium keeps dialling out on a closed network.
  browser = await chromium.launch({ executablePath: opt.chromium, headless: true, args: ['--disable-gpu', '--disable-quic',
    '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: T });
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: T });
  log('workbench loaded');
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => {});
  await page.keyboard.press('Control+P');
  const qi = page.locator('.quick-input-widget input');
  await qi.waitFor({ timeout: T });
  await qi.fill(opt.file);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: T });
  await page.keyboard.press('Enter');
  await page.locator('.editor-instance .monaco-editor').first().waitFor({ timeout: T });
  log(`opened ${opt.file}`);

  // 1. Squiggle on Congo (info severity) and its hover: marker message + server card.
  const squiggle = page.locator('.monaco-editor .view-overlays [class*="squiggly-"]').first();
  await squiggle.waitFor({ timeout: T });
  log(`squiggle visible (${await squiggle.getAttribute('class')})`);
  const congo = await wordRect(page, 'Congo');
  const sq = await squiggle.boundingBox();
  if (!congo || Math.abs(sq.x - congo.x) > 3) throw new Error(`squiggle at x=${sq.x}, "Congo" at x=${congo && congo.x}`);
  // the marker part and the server's card arrive separately: wait for both
  const congoHover = await hoverOn(page, congo, ['ambiguous-entity', 'can name', 'COUNTRY']);
  log(`hover on Congo: ${JSON.stringify(congoHover)}`);
  if (!congoHover.includes('can name') || !congoHover.includes('COUNTRY')) throw new Error('hover on Congo lacks the diagnostic or the card');

  // 2. Hover on Russia: the server's card.
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  const russia = await wordRect(page, 'Russia');
  const hv = await hoverOn(page, russia, opt['expect-hover']);
  await page.waitForTimeout(400); // let the hover's fade-in finish before the screenshot
  await page.screenshot({ path: path.join(shots, 'hover.png') });
  log(`hover on Russia: ${JSON.stringify(hv)}`);
  if (!hv.includes(opt['expect-hover'])) throw new Error(`hover lacks ${JSON.stringify(opt['expect-hover'])}`);

  // 2b. Inlay hint: the resolved value of "14 March 2025" rendered in line 1.
  try {
    await page.waitForFunction(() => [...document.querySelectorAll('.editor-instance .view-lines .view-line')].some((e) => e.innerText.includes('2025-03-14')), null, { timeout: 10000 });
    log('inlay hint "2025-03-14" rendered after "14 March 2025"');
  } catch { skip('no inlay hint 2025-03-14 rendered (server without dates or inlay hints?)'); }

  // 3. Problems panel.
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+M');
  await page.waitForFunction(() => [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((e) => e.innerText.includes('ambiguous-entity') && e.innerText.includes('Congo')), null, { timeout: T });
  const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  log(`problems: ${JSON.stringify(rows.join(' | '))}`);
  await page.screenshot({ path: path.join(shots, 'problems.png') });

  // 4. Status bar: entity count from gazette/entities.
  let st = '';
  try { await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /\d+ entit/.test(e.innerText)), null, { timeout: 10000 }); } catch {}
  st = await statusText(page);
  log(`status bar: ${JSON.stringify(st)}`);
  const counted = /\d+ entit/.test(st);
  if (!counted) skip(`status bar shows no entity count (${JSON.stringify(st)})`);

  // 5. Review command from the palette with the cursor on Russia.
  await placeCursor(page, 'Russia');
  const ann0 = readAnn();
  await palette(page, 'Gazette: Accept entity');
  log('ran "Gazette: Accept entity" from the command palette');
  const outcome = await reviewOutcome(page, 'Accepted', ann0);
  await page.screenshot({ path: path.join(shots, 'review.png') });
  if (!outcome) throw new Error(`no ${annPath} with an Accepted status and no message after the command`);
  if (outcome !== 'ann') {
    skip(`server has no review actions yet (${outcome})`);
  } else {
    const text = fs.readFileSync(article, 'utf8');
    const s = text.search(/\bRussia\b/);
    const body = readAnn();
    const tid = (new RegExp(`^(T\\d+)\\tCOUNTRY ${s} ${s + 6}\\tRussia$`, 'm').exec(body) || [])[1];
    if (!tid || !body.includes(`\tStatus ${tid} Accepted`)) throw new Error(`${annPath} lacks T line ${s}-${s + 6} with Accepted:\n${body}`);
    log(`article.ann: ${JSON.stringify(body)}`);
    if (counted) {
      await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /entit.*[1-9]\d*% reviewed/.test(e.innerText)), null, { timeout: 10000 })
        .catch(() => {});
      const after = await statusText(page);
      log(`status bar after accept: ${JSON.stringify(after)}`);
      if (!/[1-9]\d*% reviewed/.test(after)) throw new Error('status bar reviewed share did not go up');
      await page.screenshot({ path: path.join(shots, 'review.png') });
    }
  }
  // 5b. Default keybinding Ctrl+Alt+R (Gazette: Reject entity) with the cursor on Iranian.
  if (outcome === 'ann') {
    await placeCursor(page, 'Iranian');
    const ann1 = readAnn();
    await page.keyboard.press('Control+Alt+R');
    const o2 = await reviewOutcome(page, 'Rejected', ann1);
    if (o2 !== 'ann') throw new Error(`Ctrl+Alt+R on Iranian did not reject it (${o2 || 'nothing happened'})`);
    log(`Ctrl+Alt+R on Iranian: article.ann ${JSON.stringify(readAnn())}`);
  }

  // 6. A changed setting reaches the server (didChangeConfiguration): ambiguous-entity as a warning.
  // (as workspace settings: code-server notices those files change; user settings.json it may not)
  fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(ws, '.vscode/settings.json'), JSON.stringify({ 'gazette.severity': { 'ambiguous-entity': 'warning' } }, null, 2));
  await page.locator('.monaco-editor .view-overlays [class*="squiggly-warning"]').first().waitFor({ timeout: T });
  log('after setting gazette.severity {"ambiguous-entity": "warning"} in .vscode/settings.json: squiggly-warning');

  // 7. The output channel: "Gazette: Show server log".
  await page.keyboard.press('Escape');
  await palette(page, 'Gazette: Show server log');
  // the Gazette channel is selected and shows log lines (the view scrolls to the end;
  // monaco renders spaces as U+00A0, hence \s)
  await page.waitForFunction(() => [...document.querySelectorAll('.panel .view-lines')].some((e) => /\d\d:\d\d:\d\d\.\d+\s\[(info|error|warning)\]/.test(e.innerText)), null, { timeout: T });
  const outText = await page.evaluate(() => [...document.querySelectorAll('.panel .view-lines')].map((e) => e.innerText).join('\n'));
  const channel = await page.evaluate(() => [...document.querySelectorAll('.panel select')].map((e) => e.title || e.value).join(','));
  if (!channel.includes('Gazette')) throw new Error(`output panel shows channel ${JSON.stringify(channel)}, not Gazette`);
  log(`output channel "${channel}": ${JSON.stringify(outText.split('\n').filter(Boolean).slice(-3).join(' | '))}`);
  await page.screenshot({ path: path.join(shots, 'output.png') });
  log(`screenshots: ${['hover.png', 'problems.png', 'review.png', 'output.png'].map((f) => path.join(shots, f)).join(' ')}`);
}

try { await main(); log(`PASS${skips.length ? ` with ${skips.length} SKIP(s)` : ''}`); } catch (e) {
  failed = true;
  log(`FAIL: ${e.message}`);
  try {
    const p = browser && browser.contexts()[0]?.pages()[0];
    if (p) await p.screenshot({ path: path.join(shots, 'failure.png') });
    log(`see ${path.join(shots, 'failure.png')}; extension log under ${path.join(udd, 'logs')} (exthost*/gazette.gazette-vscode/)`);
  } catch {}
} finally {
  if (browser) await browser.close().catch(() => {});
  if (server) { try { process.kill(-server.pid, 'SIGTERM'); } catch {} }
  if (!opt.keep && !failed) fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(failed ? 1 : 0);
}
