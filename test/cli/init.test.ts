import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLES, tempTree, velvet } from './helpers.js';
import { initProject } from '../../src/project/init.js';
import { UsageError } from '../../src/errors.js';

const dirs: string[] = [];
const project = (files: Record<string, string> = {}): string => {
  const d = tempTree(files);
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const read = (dir: string, p: string): string => readFileSync(join(dir, p), 'utf8');

describe('velvet init', () => {
  it('writes a config, a starter email with its images, .gitignore and package.json scripts; the result renders and lints clean', async () => {
    const dir = project({ 'package.json': '{\n  "name": "shop-emails",\n  "private": true\n}\n' });
    const r = await velvet(['init'], { cwd: dir });
    expect(r.code).toBe(0);
    for (const p of ['velvet.config.json', 'emails/welcome/email.html', 'emails/welcome/email.json', 'emails/welcome/data/default.json', 'assets/logo.png', 'assets/product-1.png', '.gitignore']) {
      expect(r.stdout).toContain(`wrote   ${p}`);
      expect(existsSync(join(dir, p))).toBe(true);
    }
    expect(r.stdout).toContain('updated package.json  (added scripts velvet:preview, velvet:lint)');
    const config = JSON.parse(read(dir, 'velvet.config.json')) as Record<string, unknown>;
    expect(config).toMatchObject({ $schema: './node_modules/velvet/schemas/config.schema.json', emails: 'emails', preview: { assetsBaseUrl: 'https://cdn.example.com/your-brand/', assetsDir: 'assets' } });
    expect(JSON.parse(read(dir, 'emails/welcome/email.json')).$schema).toBe('../../node_modules/velvet/schemas/email.schema.json');
    expect(JSON.parse(read(dir, 'emails/welcome/data/default.json')).$schema).toBe('../../../node_modules/velvet/schemas/fixture.schema.json');
    expect(JSON.parse(read(dir, 'package.json'))).toEqual({
      name: 'shop-emails',
      private: true,
      scripts: { 'velvet:preview': 'velvet preview', 'velvet:lint': 'velvet lint' },
    });
    expect(read(dir, '.gitignore')).toBe('velvet-out/\nvelvet.sarif\ngl-code-quality-report.json\n');

    const lint = await velvet(['lint'], { cwd: dir });
    expect(lint.stdout + lint.stderr).toContain('no problems');
    expect(lint.code).toBe(0);
    const render = await velvet(['render', 'emails/welcome'], { cwd: dir });
    expect(render.code).toBe(0);
    expect(render.stdout).toContain('Welcome, Emma!');
    expect(render.stdout).toContain('https://cdn.example.com/your-brand/logo.png');
  });

  it('never overwrites: a second run keeps everything, and says so', async () => {
    const dir = project({ '.gitignore': 'node_modules/\nvelvet.sarif', 'emails/welcome/email.html': 'mine' });
    const first = await velvet(['init', '--yes'], { cwd: dir });
    expect(first.stdout).toContain('kept    emails/welcome/  (an email is there already (email.html); the starter email was not added)');
    expect(first.stdout).toContain('updated .gitignore  (added velvet-out/, gl-code-quality-report.json)');
    expect(read(dir, 'emails/welcome/email.html')).toBe('mine');
    expect(read(dir, '.gitignore')).toBe('node_modules/\nvelvet.sarif\nvelvet-out/\ngl-code-quality-report.json\n');
    const before = read(dir, 'velvet.config.json');
    const second = await velvet(['init'], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('wrote ');
    expect(second.stdout).toContain('kept    velvet.config.json');
    expect(second.stdout).toContain('kept    .gitignore  (has the entries already)');
    expect(read(dir, 'velvet.config.json')).toBe(before);
  });

  it('--ci github writes a workflow with annotations and a SARIF upload; --ci gitlab a Code Quality job; both run only the installed velvet', async () => {
    const gh = project({ 'package.json': '{"devDependencies": {"velvet": "file:velvet-0.1.0.tgz"}}' });
    const r = await velvet(['init', '--ci', 'github'], { cwd: gh });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrote   .github/workflows/velvet.yml\n');
    const wf = read(gh, '.github/workflows/velvet.yml');
    expect(wf).toContain('npx --no-install velvet lint --format github');
    expect(wf).toContain('npx --no-install velvet lint --format sarif > velvet.sarif');
    expect(wf).toContain('github/codeql-action/upload-sarif');
    expect(wf).toContain('security-events: write');
    expect(wf).toContain('- run: npm ci');
    // never a velvet npm would fetch by name from the registry (an unrelated package there)
    expect(wf).not.toMatch(/npx (?!--no-install )velvet|--yes/);
    const gl = project({ 'package.json': '{}' });
    const g = await velvet(['init', gl, '--ci', 'gitlab'], { cwd: tmpdir() });
    expect(g.code).toBe(0);
    const ci = read(gl, '.gitlab-ci.yml');
    expect(ci).toContain('    - npm ci\n');
    expect(ci).toContain('npx --no-install velvet lint --format gitlab > gl-code-quality-report.json');
    expect(ci).toContain('    - npx --no-install velvet lint\n');
    expect(ci).toContain('codequality: gl-code-quality-report.json');
    expect(ci).not.toMatch(/npx (?!--no-install )velvet|--yes/);
    // a package.json without velvet: the CI file is written, with what to do so npm ci installs it
    expect(g.stdout).toMatch(/wrote {3}\.gitlab-ci\.yml {2}\(package\.json does not list velvet, so npm ci will not install it and the job fails: npm install -D \.\/velvet-[\d.]+\.tgz/);
  });

  it('--ci without a package.json refuses and writes nothing: the job could only fetch velvet by name', async () => {
    for (const kind of ['github', 'gitlab']) {
      const dir = project();
      const r = await velvet(['init', '--ci', kind], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^velvet init: --ci needs a package\.json that installs velvet: .*npm install -D \.\/velvet-[\d.]+\.tgz.*nothing was written\n$/);
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('refuses a bad --ci, a missing folder, and a link that leads out of the project', async () => {
    expect((await velvet(['init', '--ci', 'jenkins'], { cwd: project() })).stderr).toContain("--ci is github or gitlab, got 'jenkins'");
    const missing = await velvet(['init', '/nonexistent/velvet-x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('velvet init: /nonexistent/velvet-x does not exist (create the folder first)\n');
    const outside = mkdtempSync(join(tmpdir(), 'velvet-outside-'));
    dirs.push(outside);
    const dir = project();
    symlinkSync(outside, join(dir, 'emails'));
    const r = await velvet(['init'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('refusing to write through a link that leaves the project');
    expect(existsSync(join(outside, 'welcome'))).toBe(false);
  });
});

describe('velvet init next to an email of the same name', () => {
  it('adds none of the starter email to a folder that has an email.html: the user\'s email keeps its own subject, sender and fixtures', async () => {
    const dir = project({ 'emails/welcome/email.html': '<p>Hello $!name</p>', 'emails/welcome/data/mine.json': '{"name": "Ann"}' });
    const r = await velvet(['init', '--yes'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kept    emails/welcome/  (an email is there already (email.html); the starter email was not added)\n');
    expect(r.stdout).not.toContain('emails/welcome/email.json');
    expect(r.stdout).not.toContain('emails/welcome/data/default.json');
    expect(readdirSync(join(dir, 'emails/welcome')).sort()).toEqual(['data', 'email.html']);
    expect(readdirSync(join(dir, 'emails/welcome/data'))).toEqual(['mine.json']);
    expect(r.stdout).toContain('wrote   assets/logo.png');
  });

  it('an email.json alone is no email: the starter email is added around it, never over it', async () => {
    const dir = project({ 'emails/welcome/email.json': '{"subject": "mine"}' });
    const r = await velvet(['init', '--yes'], { cwd: dir });
    expect(r.stdout).toContain('wrote   emails/welcome/email.html');
    expect(r.stdout).toContain('kept    emails/welcome/email.json  (already there)');
    expect(read(dir, 'emails/welcome/email.json')).toBe('{"subject": "mine"}');
  });
});

describe('velvet init with an existing config', () => {
  it('a malformed velvet.config.json is reported at file:line:column with exit 2, and nothing is written', async () => {
    const dir = project({ 'mail/velvet.config.json': '{\n  "emails": "mail",\n  "engine": {"timeZone": "UTC",}\n}\n' });
    const r = await velvet(['init', 'mail', '--yes'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^velvet init: mail\/velvet\.config\.json:3:31 Trailing comma is not allowed in JSON\n.*\n.*\n> 3 \|/);
    expect(readdirSync(join(dir, 'mail'))).toEqual(['velvet.config.json']);
  });

  it('a config that every command refuses (a value the checks reject) stops init too', async () => {
    const dir = project({ 'velvet.config.json': '{\n  "emails": "../elsewhere"\n}\n' });
    const r = await velvet(['init', '--yes'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("velvet init: velvet.config.json:2:13 emails: '../elsewhere' must be a folder inside the project folder");
    expect(readdirSync(dir)).toEqual(['velvet.config.json']);
  });

  it('a valid one gives its emails and assets folders', async () => {
    const dir = project({ 'velvet.config.json': '{"emails": "src/mail", "preview": {"assetsDir": "img"}}' });
    const r = await velvet(['init', '--yes'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kept    velvet.config.json  (already there; its emails folder is used)');
    expect(r.stdout).toContain('wrote   src/mail/welcome/email.html');
    expect(r.stdout).toContain('wrote   img/logo.png');
    const root = project({ 'velvet.config.json': '{}' });
    expect((await velvet(['init', '--yes'], { cwd: root })).stdout).toContain('wrote   welcome/email.html');
  });
});

describe('velvet init and package.json scripts', () => {
  it('says so when it keeps a script of the same name that does something else', async () => {
    const dir = project({ 'package.json': '{\n  "scripts": {\n    "velvet:lint": "echo mine"\n  }\n}\n' });
    const r = await velvet(['init', '--yes'], { cwd: dir });
    expect(r.stdout).toContain(`updated package.json  (added scripts velvet:preview; kept your script velvet:lint ("echo mine"), not velvet's "velvet lint")\n`);
    expect(JSON.parse(read(dir, 'package.json')).scripts).toEqual({ 'velvet:lint': 'echo mine', 'velvet:preview': 'velvet preview' });
    const again = await velvet(['init', '--yes'], { cwd: dir });
    expect(again.stdout).toContain(`kept    package.json  (kept your script velvet:lint ("echo mine"), not velvet's "velvet lint")\n`);
    const same = project({ 'package.json': JSON.stringify({ scripts: { 'velvet:lint': 'velvet lint', 'velvet:preview': 'velvet preview' } }) });
    expect((await velvet(['init', '--yes'], { cwd: same })).stdout).toContain('kept    package.json  (has the velvet scripts already)\n');
  });
});

describe('velvet init --emails', () => {
  it('refuses a folder outside the project (absolute or above it) with exit 2 before writing anything', async () => {
    for (const emails of [join(tmpdir(), 'x'), '../outside', 'a/../../b']) {
      const dir = project();
      const r = await velvet(['init', '--emails', emails, '--yes'], { cwd: dir });
      expect(r.code, emails).toBe(2);
      expect(r.stderr).toBe(`velvet init: --emails '${emails}' must be a folder inside the project folder (relative to velvet.config.json, never above it); nothing was written\n`);
      expect(readdirSync(dir), emails).toEqual([]);
      // nothing left behind that breaks the next init
      const next = await velvet(['init', '--yes'], { cwd: dir });
      expect(next.code).toBe(0);
      expect((await velvet(['lint'], { cwd: dir })).code).toBe(0);
    }
  });

  it('the library refuses it too, and a folder inside is taken', async () => {
    const dir = project();
    expect(() => initProject({ dir, emails: '../outside' })).toThrow(UsageError);
    expect(readdirSync(dir)).toEqual([]);
    initProject({ dir, emails: 'mail/emails' });
    expect(existsSync(join(dir, 'mail/emails/welcome/email.html'))).toBe(true);
  });
});

describe('velvet new', () => {
  it('creates an email from the starter that lints clean, and refuses an existing one', async () => {
    const dir = project();
    await velvet(['init'], { cwd: dir });
    const r = await velvet(['new', 'promo/spring'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrote   emails/promo/spring/email.html');
    expect(r.stdout).toContain('kept    assets/logo.png');
    const lint = await velvet(['lint', 'emails/promo/spring'], { cwd: dir });
    expect(lint.code).toBe(0);
    const again = await velvet(['new', 'promo/spring'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("velvet new: the email 'promo/spring' exists already (emails/promo/spring/email.html); nothing was written");
    expect((await velvet(['new', '../escape'], { cwd: dir })).stderr).toContain("'../escape' is not an email name");
  });

  it('--from FILE takes a template and synthesises its fixture, so it renders with no leftover code', async () => {
    const dir = project({
      'copied.html':
        '<html><head><title>Your order</title></head><body>Hi $!firstName, order $orderId:\n' +
        '<!--#foreach($item in $items)-->$item.name x $item.quantity = $numberTool.format(\'#,##0.00\', $item.price)\n<!--#end-->' +
        '<!--#if($total > 100)-->Free shipping<!--#end--></body></html>',
    });
    await velvet(['init', '--yes'], { cwd: dir });
    const r = await velvet(['new', 'order', '--from', 'copied.html'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(read(dir, 'emails/order/email.html')).toBe(read(dir, 'copied.html'));
    expect(JSON.parse(read(dir, 'emails/order/email.json'))).toMatchObject({ subject: 'Your order' });
    const render = await velvet(['render', 'emails/order', '--body-only'], { cwd: dir });
    expect(render.code).toBe(0);
    expect(render.stdout).not.toMatch(/\$\w/);
    expect(render.stdout).toContain('Hi First name, order Order id:');
    expect(render.stdout).toContain('Name 1 x 2 = 24.50');
    expect((await velvet(['lint', 'emails/order'], { cwd: dir })).code).toBe(0);
  });

  it('--from a template with a syntax error writes nothing and shows where', async () => {
    const dir = project({ 'bad.html': '<p>\n#if($a</p>' });
    const r = await velvet(['new', 'bad', '--from', 'bad.html'], { cwd: dir });
    expect(r.code).toBe(1);
    // the error is in the file given (no email.html was written)
    expect(r.stderr).toMatch(/^velvet new: bad\.html:2:\d+ /);
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });
});

describe('velvet fixture', () => {
  const template = '#set($n = $mathTool.add($count, 1))Hi ${firstName|\'there\'} $!customer.get(\'city\')<!--#foreach($p in $data.get(\'products\'))--><a href="$p.url">$p.title</a> $numberTool.format(\'#,##0\', $p.points)<!--#end-->$n';

  it('writes data/default.json (then synthesised.json) in plain, event-v2 or smartsend format; each renders with no leftover code', async () => {
    const dir = project({ 'e/email.html': template });
    for (const [format, name] of [['plain', undefined], ['event-v2', 'ev'], ['smartsend', 'ss']] as const) {
      const r = await velvet(['fixture', 'e', '--format', format, ...(name ? ['--name', name] : [])], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`wrote e/data/${name ?? 'default'}.json (${format}`);
    }
    const ev = JSON.parse(read(dir, 'e/data/ev.json')) as { eventTypeKey: string; params: { name: string; value: unknown }[] };
    expect(ev.eventTypeKey).toBe('e');
    expect(ev.params.map((p) => p.name)).toEqual(['count', 'customer', 'firstName', 'products']);
    const ss = JSON.parse(read(dir, 'e/data/ss.json')) as { recipients: { jsonParam: string }[] };
    const param = JSON.parse(ss.recipients[0]!.jsonParam) as Record<string, unknown>;
    expect(param).toMatchObject({ count: 1, customer: { city: 'City' }, firstName: 'First name' });
    expect(param['products']).toEqual([
      { points: 2, title: 'Title 1', url: 'https://example.com/page-1' },
      { points: 3, title: 'Title 2', url: 'https://example.com/page-2' },
    ]);
    for (const f of ['default', 'ev', 'ss']) {
      const r = await velvet(['render', 'e', '--fixture', f, '--body-only'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('Hi First name City<!----><a href="https://example.com/page-1">Title 1</a> 2<!----><a href="https://example.com/page-2">Title 2</a> 3<!---->2');
    }
    const lint = await velvet(['lint', 'e'], { cwd: dir });
    expect(lint.code).toBe(0);
    const next = await velvet(['fixture', 'e'], { cwd: dir });
    expect(next.stdout).toContain('wrote e/data/synthesised.json');
  });

  it('never replaces a fixture, and checks its arguments', async () => {
    const dir = project({ 'e/email.html': '$!a', 'e/data/mine.json': '{"a": "kept"}' });
    const r = await velvet(['fixture', 'e', '--name', 'mine'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the fixture mine.json exists already; nothing was written');
    expect(read(dir, 'e/data/mine.json')).toBe('{"a": "kept"}');
    expect((await velvet(['fixture', 'e', '--format', 'v1'], { cwd: dir })).stderr).toContain('--format is event-v2, smartsend, plain');
    expect((await velvet(['fixture', 'e', '--name', '../x'], { cwd: dir })).stderr).toContain("'../x' is not a fixture name");
    expect((await velvet(['fixture', 'nowhere'], { cwd: dir })).stderr).toContain('nowhere is not an email folder');
  });
});

describe('velvet fixture on the samples', () => {
  it('synthesises fixtures in every format with which every sample email lints clean', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'velvet-synth-'));
    dirs.push(dir);
    cpSync(SAMPLES, dir, { recursive: true });
    const emails = readdirSync(dir).filter((n) => existsSync(join(dir, n, 'email.html')));
    expect(emails.length).toBeGreaterThanOrEqual(6);
    for (const e of emails) {
      rmSync(join(dir, e, 'data'), { recursive: true });
      const meta = JSON.parse(readFileSync(join(dir, e, 'email.json'), 'utf8')) as Record<string, unknown>;
      delete meta['fixtures'];
      writeFileSync(join(dir, e, 'email.json'), JSON.stringify(meta));
      for (const [format, name] of [['plain', 'plain'], ['event-v2', 'ev'], ['smartsend', 'ss']]) {
        expect((await velvet(['fixture', e, '--format', format!, '--name', name!], { cwd: dir })).code).toBe(0);
      }
    }
    const lint = await velvet(['lint', '.', '--format', 'json'], { cwd: dir });
    // infos (partial client support) are notes, not problems
    expect(JSON.parse(lint.stdout).diagnostics.filter((d: { severity: string }) => d.severity !== 'info')).toEqual([]);
    expect(lint.code).toBe(0);
  });
});
