import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { startFakeMessages, type FakeMessages, type FakeMessagesOptions } from '../support/fake-yespo-messages.js';

export const KEY = 'sk-live-Sync9Qw3Er7Ty1Ui5Op2';
export const KEY_FORMS = [KEY, Buffer.from(`velvet:${KEY}`).toString('base64')];

/** A message as Yespo might hold it: managed fields plus foreign ones velvet must not touch. */
export function message(id: number, over: Record<string, unknown> = {}): string {
  const managed = {
    id,
    name: `Welcome ${id}`,
    from: '"Shop" <shop@example.com>',
    subject: "Hi $!data.get('name')",
    htmlText: `<html>\r\n<body><p>Hello $!data.get('name') (${id})</p><a href="$!unsubscribe">Unsubscribe</a></body>\r\n</html>\r\n`,
    tags: ['onboarding'],
    ...over,
  };
  // Written by hand after the managed part: spacing, 1.50 and the nested object must survive.
  return JSON.stringify(managed).slice(0, -1) + FOREIGN + '}';
}
export const FOREIGN = ',"css": "p { color: red }", "plainText":"Hello","editorType":"dnd","price":1.50,"editor": { "blocks": [ {"type":"text","v":1.0} ], "version":"3" }';

export interface Sync {
  fake: FakeMessages;
  root: string;
  env: Record<string, string>;
  run(argv: string[], more?: Partial<CliIO>): Promise<{ code: number; stdout: string; stderr: string }>;
}

/** A project folder (velvet.config.json with emails in `emails/`) and a fake account. */
export async function setup(options: Omit<FakeMessagesOptions, 'key'> = {}): Promise<Sync> {
  const fake = await startFakeMessages({ key: KEY, ...options });
  const root = mkdtempSync(join(tmpdir(), 'velvet-sync-'));
  writeFileSync(join(root, 'velvet.config.json'), JSON.stringify({ emails: 'emails' }));
  const env = { YESPO_API_KEY: KEY, YESPO_API_URL: fake.url };
  return {
    fake,
    root,
    env,
    async run(argv, more = {}) {
      let stdout = '';
      let stderr = '';
      const io: CliIO = {
        stdout: (t) => void (stdout += t),
        stderr: (t) => void (stderr += t),
        cwd: root,
        env,
        color: false,
        ...more,
      };
      const code = await main(argv, io);
      return { code, stdout, stderr };
    },
  };
}

export function leaks(text: string): boolean {
  return KEY_FORMS.some((f) => text.includes(f));
}
