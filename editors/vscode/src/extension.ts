/**
 * velvet for VS Code: a thin client that starts the workspace's own velvet (`velvet lsp
 * --stdio`), so the editor always speaks to the velvet version the project installed. All
 * knowledge lives in the server; this file only starts it and opens the preview.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** The server's answer to `velvet/openPreview` (src/lsp/server.ts). */
interface OpenPreviewResult {
  url: string;
  email?: string;
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
    void vscode.window.showWarningMessage('velvet: no node_modules/.bin/velvet in this workspace. Install velvet into the project from the tarball you have (npm install --save-dev /path/to/velvet-0.1.0.tgz; the registry package named velvet is another one), or set velvet.path.');
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

/**
 * Asks the server to start the preview in its own process, on the same workspace, so the page
 * follows the unsaved text as you type, and opens it on the current email.
 */
async function openPreview(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) {
    void vscode.window.showInformationMessage('velvet: open an email template first.');
    return;
  }
  try {
    const { url } = await client.sendRequest<OpenPreviewResult>('velvet/openPreview', { uri: editor.document.uri.toString() });
    await vscode.env.openExternal(vscode.Uri.parse(url));
  } catch (err) {
    void vscode.window.showErrorMessage(`velvet: ${err instanceof Error ? err.message : String(err)}`);
  }
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
