/**
 * velvet for VS Code: a thin client that starts the workspace's own velvet (`velvet lsp
 * --stdio`), so the editor always speaks to the velvet version the project installed. All
 * knowledge lives in the server; this file only starts it and opens the preview.
 */
import { existsSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** The server's answer to `velvet/previewTarget` (src/lsp/server.ts). */
interface PreviewTarget {
  email?: string;
  root?: string;
  hash?: string;
}

let client: LanguageClient | undefined;

/** The velvet command: the `velvet.path` setting, else the workspace's node_modules/.bin/velvet. */
function velvetCommand(folder: vscode.WorkspaceFolder | undefined): string | undefined {
  const configured = vscode.workspace.getConfiguration('velvet').get<string>('path');
  if (configured) return configured;
  if (!folder) return undefined;
  const bin = join(folder.uri.fsPath, 'node_modules', '.bin', process.platform === 'win32' ? 'velvet.cmd' : 'velvet');
  return existsSync(bin) ? bin : undefined;
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const command = velvetCommand(folder);
  if (!command) {
    void vscode.window.showWarningMessage('velvet: no node_modules/.bin/velvet in this workspace. Run `npm install --save-dev velvet`, or set velvet.path.');
    return;
  }
  const serverOptions: ServerOptions = {
    command,
    args: ['lsp', '--stdio'],
    options: { cwd: folder?.uri.fsPath, shell: process.platform === 'win32' },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', pattern: '**/email.html' },
      { scheme: 'file', language: 'velocity' },
      { scheme: 'file', pattern: '**/data/*.json' },
      { scheme: 'file', pattern: '**/email.json' },
    ],
  };
  client = new LanguageClient('velvet', 'velvet', serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

/** True when a velvet preview answers at `base`. */
function previewRunning(base: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(new URL('__velvet/api/emails', base), (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(1000, () => {
      req.destroy();
      resolve(false);
    });
  });
}

async function openPreview(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) {
    void vscode.window.showInformationMessage('velvet: open an email template first.');
    return;
  }
  const target = await client.sendRequest<PreviewTarget>('velvet/previewTarget', { uri: editor.document.uri.toString() });
  if (!target.email) {
    void vscode.window.showInformationMessage('velvet: this file is not part of an email of the project.');
    return;
  }
  const base = vscode.workspace.getConfiguration('velvet').get<string>('previewUrl') || 'http://127.0.0.1:5179/';
  if (!(await previewRunning(base))) {
    const command = velvetCommand(vscode.workspace.workspaceFolders?.[0]) ?? 'velvet';
    const terminal = vscode.window.createTerminal({ name: 'velvet preview', cwd: target.root });
    terminal.sendText(`"${command}" preview`);
    terminal.show(true);
    for (let i = 0; i < 40 && !(await previewRunning(base)); i++) await new Promise((r) => setTimeout(r, 250));
  }
  await vscode.env.openExternal(vscode.Uri.parse(`${base}${target.hash ?? ''}`));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('velvet.openPreview', openPreview),
    vscode.commands.registerCommand('velvet.restartServer', async () => {
      if (client) await client.restart();
      else await startClient(context);
    }),
  );
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
