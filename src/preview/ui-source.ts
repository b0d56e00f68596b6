/**
 * The preview UI run from its TypeScript sources in web/ by a Vite dev server: what this
 * repository's checkout uses (`npm start`), so UI changes show without a build. Loaded only
 * there: an installed velvet serves the built UI and never loads Vite.
 */
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { createServer, type Plugin } from 'vite';
import type { Middleware } from './security.js';

export interface UiHost {
  port: number;
  close(): Promise<void>;
}

export interface SourceUiOptions {
  webDir: string;
  host: string;
  port: number;
  strictPort: boolean;
  allowedHosts: string[];
  token: string;
  /** Run before Vite's own middlewares: the guards, the API, the event stream, the files. */
  middlewares: Middleware[];
}

/** The UI's runtime packages: lit, and CodeMirror (loaded on demand) with what it imports. */
const UI_PACKAGES = [
  'lit',
  'lit-html',
  'lit-element',
  '@lit/reactive-element',
  'codemirror',
  '@codemirror/autocomplete',
  '@codemirror/commands',
  '@codemirror/lang-css',
  '@codemirror/lang-html',
  '@codemirror/lang-javascript',
  '@codemirror/lang-json',
  '@codemirror/language',
  '@codemirror/lint',
  '@codemirror/search',
  '@codemirror/state',
  '@codemirror/view',
  '@lezer/common',
  '@lezer/css',
  '@lezer/highlight',
  '@lezer/html',
  '@lezer/javascript',
  '@lezer/json',
  '@lezer/lr',
  '@marijn/find-cluster-break',
  'crelt',
  'style-mod',
  'w3c-keyname',
];

/** Folders of the UI's runtime modules: the only files Vite may serve from outside web/. */
function uiPackageDirs(): string[] {
  const require = createRequire(import.meta.url);
  const dirs: string[] = [];
  for (const name of UI_PACKAGES) {
    try {
      // package.json is not always exported: walk up from the entry point to the package folder
      const entry = realpathSync(require.resolve(name));
      const marker = `${sep}node_modules${sep}${name.split('/').join(sep)}${sep}`;
      const at = entry.lastIndexOf(marker);
      if (at >= 0) dirs.push(entry.slice(0, at + marker.length - 1));
    } catch {
      // not installed on its own: it lives inside lit's folder
    }
  }
  return dirs;
}

export async function startSourceUi(o: SourceUiOptions): Promise<UiHost> {
  const plugin: Plugin = {
    name: 'velvet-preview',
    configureServer(server) {
      for (const m of o.middlewares) server.middlewares.use(m);
    },
    transformIndexHtml() {
      return [{ tag: 'meta', attrs: { name: 'velvet-token', content: o.token }, injectTo: 'head' }];
    },
  };
  const server = await createServer({
    configFile: false,
    root: o.webDir,
    envDir: false,
    publicDir: false,
    clearScreen: false,
    logLevel: 'warn',
    appType: 'mpa',
    cacheDir: join(tmpdir(), 'velvet-preview-vite'),
    // lit is plain ESM; serving it as it is avoids a pre-bundling step and its reloads
    optimizeDeps: { noDiscovery: true, include: [] },
    plugins: [plugin],
    server: {
      host: o.host,
      port: o.port,
      strictPort: o.strictPort,
      cors: false,
      allowedHosts: o.allowedHosts,
      fs: { strict: true, allow: [o.webDir, ...uiPackageDirs()] },
    },
  });
  try {
    await server.listen();
  } catch (err) {
    await server.close();
    throw err;
  }
  const address = server.httpServer?.address() as AddressInfo | null;
  return { port: address?.port ?? o.port, close: () => server.close() };
}
