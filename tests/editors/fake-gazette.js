#!/usr/bin/env node
// A stand-in for `gazette lsp` that speaks the protocol the editor integrations are built
// against (diagnostics with codes, markdown hover cards, `gazette/entities`, review code
// actions and `gazette.*` commands writing a brat `.ann` sidecar). It knows four words and one
// date shape. It exists ONLY to check the editor harnesses and the client features while the
// real server lacks them; the editor tests run the real binary unless GAZETTE_BIN points here.
//   fake-gazette.js --version | fake-gazette.js lsp
'use strict';
const fs = require('fs');
const { fileURLToPath } = require('url');
if (process.argv.includes('--version')) { console.log('gazette 0.0.0-fake'); process.exit(0); }
if (process.argv[2] === 'annotate') { // annotate - : the KB probe of :checkhealth
  const text = fs.readFileSync(0, 'utf8'); const i = text.indexOf('Russia');
  if (i >= 0) console.log(JSON.stringify({ file: '-', start: i, end: i + 6, label: 'COUNTRY', text: 'Russia', id: 'country:ru', canonical: 'Russia' }));
  process.exit(0);
}
if (!process.argv.includes('lsp')) { console.error('usage: fake-gazette.js lsp'); process.exit(2); }

const KB = {
  Russia: { label: 'COUNTRY', id: 'country:ru', canonical: 'Russia', official: 'Russian Federation' },
  Turkey: { label: 'COUNTRY', id: 'country:tr', canonical: 'Türkiye', official: 'Republic of Türkiye' },
  Iranian: { label: 'DEMONYM', id: 'country:ir', canonical: 'Iran', official: 'Islamic Republic of Iran' },
  Congo: { label: 'COUNTRY', id: 'country:cd', canonical: 'Democratic Republic of the Congo', official: 'Democratic Republic of the Congo', ambiguous: true },
};
const COMMANDS = ['gazette.accept', 'gazette.reject', 'gazette.relabel', 'gazette.tagSelection', 'gazette.link',
  'gazette.addNote', 'gazette.removeTag', 'gazette.acceptAllOfEntity'];
const docs = new Map(); // uri -> text (ASCII fixtures: UTF-16 columns = code points)
let buf = Buffer.alloc(0);
let severity = {}; // gazette.severity: code -> error|warning|info|hint|off
const SEV = { error: 1, warning: 2, info: 3, hint: 4 };
const applySettings = (v) => { const g = (v && (v.gazette || v)) || {}; if (g.severity) severity = g.severity; };
const send = (msg) => {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
  process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
  process.stdout.write(body);
};
const log = (s) => process.stderr.write(`[fake-gazette] ${s}\n`);
const lineStarts = (t) => { const s = [0]; for (let i = 0; i < t.length; i++) if (t[i] === '\n') s.push(i + 1); return s; };
const pos = (t, off) => { const s = lineStarts(t); let l = 0; while (l + 1 < s.length && s[l + 1] <= off) l++; return { line: l, character: off - s[l] }; };
const off = (t, p) => lineStarts(t)[p.line] + p.character;
const annPath = (uri) => fileURLToPath(uri).replace(/\.(txt|md)$/, '') + '.ann';

function readAnn(uri) {
  const out = { t: [], a: [], n: [], notes: [] };
  let body = '';
  try { body = fs.readFileSync(annPath(uri), 'utf8'); } catch { return out; }
  for (const line of body.split('\n')) {
    const f = line.split('\t');
    if (/^T\d+$/.test(f[0])) { const [label, s, e] = f[1].split(' '); out.t.push({ id: f[0], label, start: +s, end: +e, text: f[2] }); }
    else if (/^A\d+$/.test(f[0])) { const [, tid, v] = f[1].split(' '); out.a.push({ id: f[0], tid, value: v }); }
    else if (/^N\d+$/.test(f[0])) out.n.push(line);
    else if (f[0].startsWith('#')) out.notes.push(line);
  }
  return out;
}
function writeAnn(uri, ann) {
  const lines = [...ann.t.map((t) => `${t.id}\t${t.label} ${t.start} ${t.end}\t${t.text}`),
    ...ann.a.map((a) => `${a.id}\tStatus ${a.tid} ${a.value}`), ...ann.n, ...ann.notes];
  fs.writeFileSync(annPath(uri), lines.join('\n') + '\n');
}
function entities(uri) {
  const text = docs.get(uri) || '';
  const ann = readAnn(uri);
  const out = [];
  for (const [word, k] of Object.entries(KB)) {
    const re = new RegExp(`\\b${word}\\b`, 'g');
    let m;
    while ((m = re.exec(text))) out.push({ start: m.index, end: m.index + word.length, label: k.label, text: word, id: k.id, canonical: k.canonical, k });
  }
  const re = /\b(\d{1,2}) (March) (\d{4})\b/g;
  let m;
  while ((m = re.exec(text))) out.push({ start: m.index, end: m.index + m[0].length, label: 'DATE', text: m[0], value: `${m[3]}-03-${m[1].padStart(2, '0')}` });
  for (const t of ann.t) {
    const e = out.find((x) => x.start === t.start && x.end === t.end);
    const st = ann.a.find((a) => a.tid === t.id);
    const status = st ? st.value.toLowerCase() : 'manual';
    if (e) { e.status = status; e.label = t.label; } else out.push({ start: t.start, end: t.end, label: t.label, text: t.text, status });
  }
  out.sort((a, b) => a.start - b.start);
  return out.map((e) => ({ ...e, range: { start: pos(text, e.start), end: pos(text, e.end) } }));
}
function diagnose(uri) {
  const sev = severity['ambiguous-entity'] || 'info';
  const diagnostics = entities(uri).filter((e) => e.k && e.k.ambiguous && !e.status && sev !== 'off').map((e) => ({
    range: e.range, severity: SEV[sev] || 3, source: 'gazette', code: 'ambiguous-entity',
    message: `"${e.text}" can name Democratic Republic of the Congo or Republic of the Congo; linked to ${e.canonical}`,
  }));
  send({ method: 'textDocument/publishDiagnostics', params: { uri, diagnostics } });
}
function at(uri, range) {
  const text = docs.get(uri) || '';
  const s = off(text, range.start), e = off(text, range.end);
  return entities(uri).find((x) => x.start <= s && e <= x.end && (s < x.end || s === e));
}
function review(command, arg) {
  const { uri, range } = arg;
  const text = docs.get(uri) || '';
  const ann = readAnn(uri);
  const ent = at(uri, range);
  const s = ent ? ent.start : off(text, range.start), e = ent ? ent.end : off(text, range.end);
  if (s === e) throw new Error('no entity at the given range');
  let t = ann.t.find((x) => x.start === s && x.end === e);
  const label = arg.label || (ent && ent.label) || 'PERSON';
  if (!t) { t = { id: `T${ann.t.length + 1}`, label, start: s, end: e, text: text.slice(s, e) }; ann.t.push(t); }
  const setStatus = (v) => { ann.a = ann.a.filter((a) => a.tid !== t.id); ann.a.push({ id: `A${ann.a.length + 1}`, tid: t.id, value: v }); };
  switch (command) {
    case 'gazette.accept': setStatus('Accepted'); break;
    case 'gazette.reject': setStatus('Rejected'); break;
    case 'gazette.relabel': case 'gazette.tagSelection': t.label = label; break;
    case 'gazette.link': ann.n.push(`N${ann.n.length + 1}\tReference ${t.id} ${arg.reference || `gazette:${ent && ent.id}`}\t${t.text}`); break;
    case 'gazette.addNote': ann.notes.push(`#${ann.notes.length + 1}\tAnnotatorNotes ${t.id}\t${arg.note || ''}`); break;
    case 'gazette.removeTag': ann.t = ann.t.filter((x) => x !== t); ann.a = ann.a.filter((a) => a.tid !== t.id); break;
    default: throw new Error(`unknown command ${command}`);
  }
  writeAnn(uri, ann);
  diagnose(uri);
}
function handle(m) {
  const p = m.params || {};
  switch (m.method) {
    case 'initialize':
      applySettings(p.initializationOptions);
      return send({ id: m.id, result: { capabilities: {
        textDocumentSync: 1, hoverProvider: true, codeActionProvider: true,
        executeCommandProvider: { commands: COMMANDS },
      }, serverInfo: { name: 'gazette-fake', version: '0.0.0' } } });
    case 'workspace/didChangeConfiguration': applySettings(p.settings); for (const u of docs.keys()) diagnose(u); return;
    case 'textDocument/didOpen': docs.set(p.textDocument.uri, p.textDocument.text); return diagnose(p.textDocument.uri);
    case 'textDocument/didChange':
      docs.set(p.textDocument.uri, p.contentChanges[p.contentChanges.length - 1].text); return diagnose(p.textDocument.uri);
    case 'textDocument/didClose': docs.delete(p.textDocument.uri); return;
    case 'textDocument/hover': {
      const e = at(p.textDocument.uri, { start: p.position, end: p.position });
      if (!e || !e.k) return send({ id: m.id, result: null });
      const head = e.label === 'DEMONYM' ? `**${e.text}** · DEMONYM of **${e.canonical}**` : `**${e.canonical}** · ${e.label}`;
      return send({ id: m.id, result: { range: e.range, contents: { kind: 'markdown', value: `${head}\n\n- Official name: ${e.k.official}` } } });
    }
    case 'gazette/entities':
      return send({ id: m.id, result: { entities: entities(p.textDocument.uri).map(({ range, label, text, id, canonical, value, status }) => ({ range, label, text, id, canonical, value, status })) } });
    case 'textDocument/codeAction': {
      const e = at(p.textDocument.uri, p.range);
      if (!e) return send({ id: m.id, result: [] });
      const arg = { uri: p.textDocument.uri, range: e.range };
      return send({ id: m.id, result: [
        { title: `Accept ${e.label} "${e.text}"`, kind: 'refactor.gazette', command: { title: 'Accept', command: 'gazette.accept', arguments: [arg] } },
        { title: `Reject ${e.label} "${e.text}"`, kind: 'refactor.gazette', command: { title: 'Reject', command: 'gazette.reject', arguments: [arg] } },
      ] });
    }
    case 'workspace/executeCommand':
      try { review(p.command, (p.arguments || [])[0] || {}); return send({ id: m.id, result: null }); } catch (e) { return send({ id: m.id, error: { code: -32602, message: e.message } }); }
    case 'shutdown': return send({ id: m.id, result: null });
    case 'exit': process.exit(0);
    default:
      if (m.id !== undefined && m.method) send({ id: m.id, error: { code: -32601, message: `unhandled ${m.method}` } });
  }
}
process.stdin.on('data', (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  for (;;) {
    const sep = buf.indexOf('\r\n\r\n');
    if (sep < 0) return;
    const len = Number(/Content-Length: *(\d+)/i.exec(buf.slice(0, sep).toString())[1]);
    if (buf.length < sep + 4 + len) return;
    const msg = JSON.parse(buf.slice(sep + 4, sep + 4 + len).toString('utf8'));
    buf = buf.slice(sep + 4 + len);
    log(`<- ${msg.method || 'response ' + msg.id}`);
    try { handle(msg); } catch (e) { log(`error: ${e.stack}`); }
  }
});
process.stdin.on('end', () => process.exit(0));
