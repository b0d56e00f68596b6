/**
 * The VS Code extension's manifest agrees with its client code and with the server: the entry
 * point is what the client compiles to, every contributed command is registered (and the other
 * way round), the client starts `velvet lsp --stdio`, asks the server's own preview request, and
 * selects the files the server serves. (`npm run package:vscode` type-checks and packages it.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OPEN_PREVIEW } from '../../src/lsp/index.js';

const EXT = fileURLToPath(new URL('../../editors/vscode', import.meta.url));
const manifest = JSON.parse(readFileSync(join(EXT, 'package.json'), 'utf8')) as {
  main: string;
  engines: { vscode: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  activationEvents: string[];
  contributes: { commands: { command: string }[]; languages: { id: string; extensions: string[] }[]; configuration: { properties: Record<string, { default: unknown }> } };
};
const tsconfig = JSON.parse(readFileSync(join(EXT, 'tsconfig.json'), 'utf8')) as { compilerOptions: { outDir: string; rootDir: string } };
const source = readFileSync(join(EXT, 'src', 'extension.ts'), 'utf8');

describe('VS Code extension manifest', () => {
  it('points main at the compiled client', () => {
    expect(manifest.main).toBe(`./${tsconfig.compilerOptions.outDir}/extension.js`);
    expect(tsconfig.compilerOptions.rootDir).toBe('src');
  });
  it('depends on vscode-languageclient 11 and asks for the VS Code it needs', () => {
    expect(manifest.dependencies['vscode-languageclient']).toMatch(/^\^11\./);
    expect(manifest.engines.vscode).toBe('^1.91.0');
    expect(manifest.devDependencies['@vscode/vsce']).toMatch(/^\^4\./);
  });
  it('registers exactly the commands it contributes', () => {
    const registered = [...source.matchAll(/registerCommand\('([\w.]+)'/g)].map((m) => m[1]).sort();
    expect(manifest.contributes.commands.map((c) => c.command).sort()).toEqual(registered);
    expect(registered).toContain('velvet.openPreview');
  });
  it('starts velvet lsp --stdio, asks the server to open the preview and reads its settings', () => {
    expect(source).toContain("args: ['lsp', '--stdio']");
    expect(source).toContain(`'${OPEN_PREVIEW}'`);
    for (const key of Object.keys(manifest.contributes.configuration.properties)) {
      if (key === 'velvet.trace.server') continue; // read by vscode-languageclient itself
      expect(source).toContain(`get<string>('${key.replace('velvet.', '')}')`);
    }
  });
  it('selects email templates, Velocity files, fixtures and email.json', () => {
    expect(manifest.contributes.languages).toEqual([expect.objectContaining({ id: 'velocity', extensions: ['.vm', '.vtl'] })]);
    for (const s of ["pattern: '**/email.html'", "language: 'velocity'", "pattern: '**/data/*.json'", "pattern: '**/email.json'"]) expect(source).toContain(s);
    expect(manifest.activationEvents).toContain('onLanguage:velocity');
  });
});
