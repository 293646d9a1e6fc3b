// VS Code client for `gazette lsp`: starts the server, forwards the `gazette.*` settings,
// turns the review actions into palette commands with keybindings, and shows the entity
// count and reviewed share of the active file in the status bar.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest, LanguageClient, LanguageClientOptions, Range as LspRange, RequestType, ServerOptions,
} from 'vscode-languageclient/node';

const LABELS = ['PERSON', 'COUNTRY', 'DEMONYM', 'DATE'];
const SELECTOR = [
  { scheme: 'file', language: 'plaintext' }, { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'plaintext' }, { scheme: 'untitled', language: 'markdown' },
];
const REVIEWED = new Set(['accepted', 'rejected', 'manual']);

interface Entity {
  range: LspRange; label: string; text: string; id?: string; canonical?: string; value?: string; status?: string;
}
interface EntitiesResult { entities: Entity[] }
const EntitiesRequest = new RequestType<{ textDocument: { uri: string } }, EntitiesResult, void>('gazette/entities');

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let status: vscode.StatusBarItem;
let refreshTimer: NodeJS.Timeout | undefined;

/** The `gazette.*` settings the server reads (everything but the client-only `server`/`trace`). */
function serverSettings(): Record<string, unknown> {
  const cfg = vscode.workspace.getConfiguration('gazette');
  return {
    debounceMs: cfg.get('debounceMs'),
    documentDate: cfg.get('documentDate'),
    documentDates: cfg.get('documentDates'),
    maxFileSizeMb: cfg.get('maxFileSizeMb'),
    labels: cfg.get('labels'),
    severity: cfg.get('severity'),
    inlayHints: { enabled: cfg.get('inlayHints.enabled') },
    kb: { paths: cfg.get('kb.paths') },
    unknownPerson: { enabled: cfg.get('unknownPerson.enabled') },
  };
}

function isArticle(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && vscode.languages.match(SELECTOR, doc) > 0;
}

/** `~/x` -> home; `a/b` (relative, with a slash) -> against the first workspace folder; bare names
 *  stay for PATH lookup (the PATH of VS Code's login shell). */
function resolveServerPath(p: string): string {
  if (p.startsWith('~/')) return path.join(os.homedir(), p.slice(2));
  if (path.isAbsolute(p) || !p.includes('/')) return p;
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(folder.uri.fsPath, p) : p;
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const cfg = vscode.workspace.getConfiguration('gazette.server');
  const command = resolveServerPath(cfg.get<string>('path', 'gazette') || 'gazette');
  const args = cfg.get<string[]>('args', ['lsp']);
  output.info(`starting ${command} ${args.join(' ')}`);
  // No `transport`: TransportKind.stdio would append `--stdio`, which `gazette lsp` rejects.
  const run = { command, args };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR,
    outputChannel: output, // the server's stderr log lands here too
    initializationOptions: { gazette: serverSettings() },
    // didChangeConfiguration {settings: {gazette: {...}}} on every change under `gazette`;
    // workspace/configuration (section `gazette`) is answered from the same settings.
    synchronize: { configurationSection: 'gazette' },
  };
  client = new LanguageClient('gazette', 'Gazette', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    output.error(`failed to start ${command}: ${e}`);
    void vscode.window.showErrorMessage(
      `Gazette: could not start \`${command} ${args.join(' ')}\` (${e}). Set "gazette.server.path" to the gazette binary.`,
      'Open Settings').then((c) => { if (c) void vscode.commands.executeCommand('workbench.action.openSettings', 'gazette.server'); });
    client = undefined;
    return;
  }
  await vscode.commands.executeCommand('setContext', 'gazette.active', true);
  scheduleRefresh(0);
}

async function stopClient(): Promise<void> {
  await vscode.commands.executeCommand('setContext', 'gazette.active', false);
  const c = client;
  client = undefined;
  if (c) await c.stop().catch((e) => output.warn(`stop: ${e}`));
}

async function entitiesOf(doc: vscode.TextDocument): Promise<Entity[] | undefined> {
  if (!client) return undefined;
  const res = await client.sendRequest(EntitiesRequest, { textDocument: { uri: client.code2ProtocolConverter.asUri(doc.uri) } });
  return res?.entities ?? [];
}

// ---- status bar -------------------------------------------------------------------------

function scheduleRefresh(delay = 300): void {
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => { void refreshStatus(); }, delay);
}

async function refreshStatus(): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!client || !isArticle(doc)) { status.hide(); return; }
  try {
    const ents = (await entitiesOf(doc)) ?? [];
    const done = ents.filter((e) => e.status && REVIEWED.has(e.status)).length;
    const share = ents.length ? Math.round((100 * done) / ents.length) : 0;
    const byLabel = LABELS.map((l) => `${l}: ${ents.filter((e) => e.label === l).length}`).join(', ');
    status.text = `$(tag) ${ents.length} ${ents.length === 1 ? 'entity' : 'entities'} · ${share}% reviewed`;
    status.tooltip = `Gazette: ${byLabel}\n${done} of ${ents.length} reviewed (accepted, rejected or tagged by hand)\nClick to list them`;
  } catch (e) {
    status.text = '$(tag) gazette';
    status.tooltip = `Gazette: gazette/entities failed: ${e instanceof Error ? e.message : e}`;
  }
  status.show();
}

// ---- review commands --------------------------------------------------------------------

/** The selection when there is one, else the entity under the cursor, else the cursor. */
async function targetRange(editor: vscode.TextEditor): Promise<vscode.Range> {
  const sel = editor.selection;
  if (!sel.isEmpty) return new vscode.Range(sel.start, sel.end);
  try {
    for (const e of (await entitiesOf(editor.document)) ?? []) {
      const r = client!.protocol2CodeConverter.asRange(e.range);
      if (r.contains(sel.active)) return r;
    }
  } catch { /* server without gazette/entities: let it find the entity itself */ }
  return new vscode.Range(sel.active, sel.active);
}

async function review(serverCommand: string, extra: () => Promise<Record<string, unknown> | undefined>,
  opts: { needsSelection?: boolean } = {}): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor || !isArticle(editor.document)) {
    void vscode.window.showWarningMessage('Gazette: open a .txt or .md article first.');
    return;
  }
  const provider = client.initializeResult?.capabilities.executeCommandProvider;
  if (!provider?.commands.includes(serverCommand)) {
    void vscode.window.showWarningMessage(`Gazette: this server does not offer ${serverCommand} yet.`);
    return;
  }
  if (opts.needsSelection && editor.selection.isEmpty) {
    void vscode.window.showWarningMessage('Gazette: select the text to tag first.');
    return;
  }
  const more = await extra();
  if (!more) return; // cancelled
  const range = await targetRange(editor);
  const arg = { uri: client.code2ProtocolConverter.asUri(editor.document.uri), range: client.code2ProtocolConverter.asRange(range), ...more };
  output.info(`${serverCommand} ${JSON.stringify(arg)}`);
  try {
    await client.sendRequest(ExecuteCommandRequest.type, { command: serverCommand, arguments: [arg] });
  } catch (e) {
    void vscode.window.showErrorMessage(`Gazette: ${serverCommand} failed: ${e instanceof Error ? e.message : e}`);
  }
  scheduleRefresh(100);
}

const none = async () => ({});
const pickLabel = async (title: string) => {
  const label = await vscode.window.showQuickPick(LABELS, { title, placeHolder: 'Label' });
  return label ? { label } : undefined;
};
const ask = (key: string, prompt: string, placeHolder?: string) => async () => {
  const v = await vscode.window.showInputBox({ prompt, placeHolder });
  return v ? { [key]: v } : undefined;
};

/** The server wants `reference` (brat "DB:ID", e.g. Wikidata:Q7747); a gazette KB id such as
 *  country:cg becomes gazette:country:cg. `id` is sent as well. */
function linkArg(id: string): Record<string, string> {
  return { id, reference: /^(country|person):/.test(id) ? `gazette:${id}` : id };
}

async function showEntities(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor || !isArticle(editor.document)) return;
  const ents = (await entitiesOf(editor.document)) ?? [];
  const pick = await vscode.window.showQuickPick(ents.map((e) => ({
    label: `${e.text}`,
    description: `${e.label}${e.canonical && e.canonical !== e.text ? ' → ' + e.canonical : ''}${e.value ? ' = ' + e.value : ''}`,
    detail: `line ${e.range.start.line + 1}${e.status ? ' · ' + e.status : ''}`,
    e,
  })), { title: `Gazette: ${ents.length} entities`, matchOnDescription: true });
  if (!pick) return;
  const r = client.protocol2CodeConverter.asRange(pick.e.range);
  editor.selection = new vscode.Selection(r.start, r.end);
  editor.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Gazette', { log: true });
  status = vscode.window.createStatusBarItem('gazette.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'Gazette entities';
  status.command = 'gazette.showEntities';
  context.subscriptions.push(output, status);

  const reg = (id: string, fn: () => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  // Client command ids are gazette.review.*: vscode-languageclient registers the server's own
  // gazette.accept ... ids for code actions, so they must not be taken here.
  reg('gazette.review.accept', () => review('gazette.accept', none));
  reg('gazette.review.reject', () => review('gazette.reject', none));
  reg('gazette.review.relabel', () => review('gazette.relabel', () => pickLabel('Relabel entity as')));
  reg('gazette.review.tagSelection', () => review('gazette.tagSelection', () => pickLabel('Tag selection as'), { needsSelection: true }));
  reg('gazette.review.link', () => review('gazette.link', async () => {
    const id = await vscode.window.showInputBox({ prompt: 'Knowledge-base id: a gazette id or a brat DB:ID reference', placeHolder: 'country:cd or Wikidata:Q974' });
    return id ? linkArg(id) : undefined;
  }));
  reg('gazette.review.addNote', () => review('gazette.addNote', ask('note', 'Note for this entity')));
  reg('gazette.review.removeTag', () => review('gazette.removeTag', none));
  reg('gazette.review.acceptAllOfEntity', () => review('gazette.acceptAllOfEntity', none));
  reg('gazette.showEntities', showEntities);
  reg('gazette.showOutput', () => output.show(true));
  reg('gazette.restartServer', async () => { await stopClient(); await startClient(context); });

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(() => scheduleRefresh(0)),
    // a new analysis (after an edit or a review command) publishes diagnostics: recount then
    vscode.languages.onDidChangeDiagnostics((e) => {
      const uri = vscode.window.activeTextEditor?.document.uri.toString();
      if (e.uris.some((u) => u.toString() === uri)) scheduleRefresh();
    }),
    vscode.workspace.onDidChangeTextDocument((e) => { if (e.document === vscode.window.activeTextEditor?.document) scheduleRefresh(); }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('gazette.server')) {
        output.info('gazette.server changed: restarting');
        await stopClient();
        await startClient(context);
      }
    }),
  );
  await startClient(context);
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
