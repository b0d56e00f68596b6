import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES, tempTree, velvet } from './helpers.js';

const samples = readdirSync(SAMPLES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(SAMPLES, d.name, 'email.html')))
  .map((d) => d.name);
const fixturesOf = (email: string) =>
  readdirSync(join(SAMPLES, email, 'data'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();

describe('velvet render EMAIL_DIR', () => {
  it('finds the six samples', () => {
    expect(samples.length).toBeGreaterThanOrEqual(6);
  });

  for (const email of samples) {
    for (const fixture of fixturesOf(email)) {
      it(`renders ${email} with ${fixture}`, async () => {
        const r = await velvet(['render', `samples/${email}`, '--fixture', fixture]);
        expect(r.stderr).not.toMatch(/error|warning/);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^Subject: .*\nPreheader: .*\n\n<!DOCTYPE html>/);
        // directives are gone: nothing Velocity-like is left in the body
        expect(r.stdout).not.toMatch(/#(if|foreach|set|end)\b/);
      });
    }
  }

  it('uses the first fixture when none is named, and says which and which others exist', async () => {
    const r = await velvet(['render', 'samples/welcome']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      "note: using fixture 'website-signup' for email 'welcome'; others: store-signup-ukrainian, no-promocode-null, empty-payload (choose with --fixture NAME)\n",
    );
  });

  it('--body-only prints just the body, --json the parts as JSON', async () => {
    const body = await velvet(['render', 'samples/welcome', '--fixture', 'website-signup', '--body-only']);
    const json = await velvet(['render', 'samples/welcome', '--fixture', 'website-signup', '--json']);
    expect(body.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      email: 'welcome',
      fixture: 'website-signup',
      variant: 'default',
      subject: 'Welcome to Northwind, Emma: your 10% gift is inside',
      preheader: 'Your Northwind account is ready. Here is what happens next.',
      unknownMergeTags: [],
    });
    expect(parsed['html']).toBe(body.stdout);
    expect(body.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('picks a variant of a multi-variant fixture and lists the others', async () => {
    const dir = tempTree({
      'mail/email.html': 'Hi $name',
      'mail/email.json': '{"subject": "For $name"}',
      'mail/data/batch.json': JSON.stringify({
        recipients: [
          { locator: 'a@example.com', jsonParam: '{"name":"Ann"}' },
          { locator: 'b@example.com', jsonParam: '{"name":"Bob"}' },
        ],
      }),
    });
    const first = await velvet(['render', 'mail'], { cwd: dir });
    expect(first.stdout).toBe('Subject: For Ann\n\nHi Ann\n');
    expect(first.stderr).toContain("using variant 'a@example.com' in fixture 'batch'; others: b@example.com");
    const second = await velvet(['render', 'mail', '--variant', 'b@example.com', '--body-only'], { cwd: dir });
    expect(second).toEqual({ code: 0, stdout: 'Hi Bob', stderr: '' });
  });

  it('reports unknown merge tags on stderr and in --json', async () => {
    const dir = tempTree({ 'm/email.html': 'Hi %FIRSTNAME|friend%, from %SHOPNAME%', 'm/data/a.json': '{}' });
    const r = await velvet(['render', 'm', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning unknown merge tag %SHOPNAME% in the html, left as written');
    expect(JSON.parse(r.stdout).unknownMergeTags).toEqual([
      { tag: '%FIRSTNAME|friend%', name: 'FIRSTNAME', part: 'html' },
      { tag: '%SHOPNAME%', name: 'SHOPNAME', part: 'html' },
    ]);
  });

  it('renders an email without fixtures with an empty payload', async () => {
    const dir = tempTree({ 'm/email.html': 'x$!a|$a' });
    const r = await velvet(['render', 'm'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stdout: 'x|$a\n' });
    expect(r.stderr).toContain('no fixtures in data/');
  });
});

describe('velvet render TEMPLATE --data FILE', () => {
  const tpl = 'Total: $price | $data.get("count") | #foreach($i in $items)$i.sku=$i.qty;#end $math';

  it('prints exactly the rendered text, keeping 258.0 a Double', async () => {
    const dir = tempTree({
      't.vm': tpl,
      'd.json': '{"price": 258.0, "count": 10, "items": [{"sku": "A", "qty": 2.50}], "math": 1e2}',
    });
    const r = await velvet(['render', 't.vm', '--data', 'd.json'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: 'Total: 258.0 | 10 | A=2.5; 100.0', stderr: '' });
  });

  it('keeps the template bytes around the directives, with no newline added', async () => {
    const dir = tempTree({ 't.vm': 'a\r\n  #set($x = 1)\r\nb $x\t\n\n', 'd.json': '{}' });
    const r = await velvet(['render', 't.vm', '--data', 'd.json'], { cwd: dir });
    expect(r.stdout).toBe('a\r\nb 1\t\n\n');
  });

  it('reads the payload from stdin with --data -', async () => {
    const dir = tempTree({ 't.vm': 'Hi $name, $price' });
    const r = await velvet(['render', 't.vm', '--data', '-'], { cwd: dir, stdin: '{"name": "Олена", "price": 258.0}' });
    expect(r).toEqual({ code: 0, stdout: 'Hi Олена, 258.0', stderr: '' });
  });

  it('renders with an empty payload {} without --data', async () => {
    const dir = tempTree({ 't.vm': '[$!missing][$missing][${missing}]' });
    const r = await velvet(['render', 't.vm'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '[][$missing][${missing}]', stderr: '' });
  });

  it('accepts any fixture format as data: a Generate event v1 body with escaped JSON', async () => {
    const event = {
      eventTypeKey: 'discount',
      keyValue: 'a@example.com',
      params: [
        { name: 'discount', value: '15%' },
        { name: 'products', value: '{"array":[{"name":"Tent","price":258.0}]}' },
      ],
    };
    const dir = tempTree({ 't.vm': '$discount #foreach($p in $products.get("array"))$p.name $p.price#end', 'e.json': JSON.stringify(event, null, 2) });
    const r = await velvet(['render', 't.vm', '--data', 'e.json'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '15% Tent 258.0', stderr: '' });
  });

  it('takes a smartsend recipient with --variant, and --format plain reads the body as it is', async () => {
    const body = { recipients: [{ locator: 'a@x.io', jsonParam: '{"n":1}' }, { locator: 'b@x.io', jsonParam: '{"n":2}' }] };
    const dir = tempTree({ 't.vm': '$!n $!recipients.size()', 's.json': JSON.stringify(body) });
    const b = await velvet(['render', 't.vm', '--data', 's.json', '--variant', 'b@x.io'], { cwd: dir });
    expect(b).toEqual({ code: 0, stdout: '2 ', stderr: '' });
    const plain = await velvet(['render', 't.vm', '--data', 's.json', '--format', 'plain'], { cwd: dir });
    expect(plain).toEqual({ code: 0, stdout: ' 2', stderr: '' });
  });
});

describe('velvet render: errors and exit codes', () => {
  it('a broken template: exit 1, file:line:column message and the code frame', async () => {
    const dir = tempTree({ 'bad.vm': 'Hello\n#if($a\nx' });
    const r = await velvet(['render', 'bad.vm'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    // the engine owns the wording; the CLI owns the location prefix and the frame
    const [first, ...frame] = r.stderr.split('\n');
    expect(first).toMatch(/^bad\.vm:3:1 Encountered "x": expected "\)"/);
    expect(frame.join('\n')).toBe(
      '  1 | Hello\n' +
        '  2 | #if($a\n' +
        '> 3 | x\n' +
        '    | ^\n',
    );
  });

  it('a broken email template names email.html relative to the working folder', async () => {
    const dir = tempTree({ 'm/email.html': '<p>\n  #foreach($i in $list)\n</p>', 'm/data/a.json': '{"list": []}' });
    const r = await velvet(['render', 'm'], { cwd: dir });
    expect(r.code).toBe(1);
    const [first, ...frame] = r.stderr.split('\n');
    // at the #foreach that is left open, as lint and the preview say it (not at the end of the file)
    expect(first).toBe('m/email.html:2:3 #foreach is not closed by #end');
    expect(frame.join('\n')).toBe(
      '  1 | <p>\n' +
        '> 2 |   #foreach($i in $list)\n' +
        '    |   ^\n' +
        '  3 | </p>\n',
    );
  });

  it('a render limit is a template failure (exit 1) with its position', async () => {
    const dir = tempTree({ 'loop.vm': 'ok\nx #foreach($i in [1..2000000])x#end' });
    const r = await velvet(['render', 'loop.vm'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^loop\.vm:2:3 .*maxIterations.*\n/);
    expect(r.stderr).toContain('> 2 | x #foreach($i in [1..2000000])x#end\n    |   ^\n');
  });

  it('malformed JSON data: exit 2 with line:column and a frame', async () => {
    const dir = tempTree({ 't.vm': '$a', 'bad.json': '{\n  "a": 1,\n  "b": [1 2]\n}' });
    const r = await velvet(['render', 't.vm', '--data', 'bad.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bad\.json:3:11 Unexpected character '2' \(expected ',' or ']'\)\n/);
    expect(r.stderr).toContain('> 3 |   "b": [1 2]\n    |           ^');
  });

  it('malformed JSON on stdin names <stdin>', async () => {
    const dir = tempTree({ 't.vm': '$a' });
    const r = await velvet(['render', 't.vm', '--data', '-'], { cwd: dir, stdin: '{"a": }' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^<stdin>:1:7 /);
  });

  it('an invalid fixture of an email: exit 2 with position and JSON pointer', async () => {
    const dir = tempTree({
      'm/email.html': '$x',
      'm/data/bad.json': '{\n  "recipients": [\n    {"locator": "a@x.io", "jsonParam": {"x": 1}}\n  ]\n}',
      'm/data/good.json': '{"x": 1}',
    });
    const named = await velvet(['render', 'm', '--fixture', 'bad'], { cwd: dir });
    expect(named.code).toBe(2);
    expect(named.stderr).toMatch(/^m\/data\/bad\.json:3:\d+ jsonParam must be a JSON string/);
    // not named: the valid fixture renders, the broken one is reported
    const other = await velvet(['render', 'm', '--body-only'], { cwd: dir });
    expect(other.code).toBe(0);
    expect(other.stdout).toBe('1');
    expect(other.stderr).toMatch(/warning skipped an invalid fixture: m\/data\/bad\.json:3:\d+ /);
  });

  it('an unknown fixture: exit 2 and the list of fixtures', async () => {
    const r = await velvet(['render', 'samples/welcome', '--fixture', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "velvet render: no fixture 'nope' for email 'welcome' (available: website-signup, store-signup-ukrainian, no-promocode-null, empty-payload)\n",
    );
  });

  it('an unknown variant: exit 2', async () => {
    const r = await velvet(['render', 'samples/order-confirmation', '--fixture', 'in-progress-eur', '--variant', 'X']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no variant 'X' in fixture 'in-progress-eur' (available: NW-100482)");
  });

  it('missing files: exit 2', async () => {
    const dir = tempTree({ 't.vm': '$a' });
    expect(await velvet(['render', 'nope.vm'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'nope.vm: cannot read: no such file or folder\n',
    });
    const data = await velvet(['render', 't.vm', '--data', 'missing.json'], { cwd: dir });
    expect(data).toMatchObject({ code: 2, stderr: 'missing.json: cannot read: no such file\n' });
    const notEmail = await velvet(['render', '.'], { cwd: dir });
    expect(notEmail.code).toBe(2);
    expect(notEmail.stderr).toContain('not an email folder');
  });

  it('usage errors: exit 2', async () => {
    const dir = tempTree({ 't.vm': '$a', 'm/email.html': 'x' });
    const cases: [string[], RegExp][] = [
      [['render'], /give exactly one EMAIL_DIR or TEMPLATE/],
      [['render', 't.vm', 'm'], /give exactly one/],
      [['render', 't.vm', '--bogus'], /unknown option --bogus \(see velvet render --help\)/],
      [['render', 't.vm', '--fixture', 'a'], /--fixture is for an email folder/],
      [['render', 'm', '--data', 'd.json'], /--data is for a bare template/],
      [['render', 't.vm', '--format', 'xml'], /--format is one of event-v1, event-v2, smartsend, orders, plain/],
      [['render', 't.vm', '--time-zone', 'Mars/Base'], /unknown time zone 'Mars\/Base'/],
      [['render', 't.vm', '--now', 'yesterday'], /--now takes an ISO date-time/],
      [['render', 'm', '--json', '--body-only'], /exclude each other/],
      [['render', 't.vm', '--variant', 'a'], /--variant needs --data/],
    ];
    for (const [argv, message] of cases) {
      const r = await velvet(argv, { cwd: dir });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(message);
    }
  });

  it('colour codes only when io.color is true', async () => {
    const dir = tempTree({ 'bad.vm': '#if(' });
    const plain = await velvet(['render', 'bad.vm'], { cwd: dir, color: false });
    const coloured = await velvet(['render', 'bad.vm'], { cwd: dir, color: true });
    expect(plain.stderr).not.toContain('\x1b[');
    expect(coloured.stderr).toContain('\x1b[31mbad.vm:1:');
    expect(coloured.stderr.replace(/\x1b\[\d+m/g, '')).toBe(plain.stderr);
  });

  it('--help shows usage, examples and exit codes', async () => {
    const r = await velvet(['render', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: velvet render EMAIL_DIR');
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('Exit codes: 0 rendered, 1 the template failed');
  });
});
