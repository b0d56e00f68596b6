import { describe, expect, it } from 'vitest';
import { tempTree, velvet } from './helpers.js';

const NAMES = ['render', 'build', 'lint', 'schema', 'preview', 'send', 'event', 'doctor', 'carrier', 'pull', 'status', 'push', 'lsp', 'init', 'new', 'fixture'];

describe('unknown flags say what is wrong and suggest the nearest flag', () => {
  it('every command refuses an unknown flag in its own words, exit 2', async () => {
    for (const name of NAMES) {
      const r = await velvet([name, '--zzzz-unknown']);
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toMatch(new RegExp(`^velvet ${name}: unknown option --zzzz-unknown \\(see velvet ${name} --help\\)\\n$`));
      expect(r.stderr, name).not.toMatch(/To specify a positional argument/);
    }
  });

  it('a near miss gets the nearest flag', async () => {
    const cases: [string[], string][] = [
      [['render', 'x', '--fixtre', 'a'], '--fixture'],
      [['render', 'x', '--body'], '--body-only'],
      [['build', '.', '--ot', 'site'], '--out'],
      [['build', '.', '--out', 's', '--froce'], '--force'],
      [['send', 'x', '--dryrun'], '--dry-run'],
      [['lint', '--formt', 'json'], '--format'],
      [['event', 'x', '--v3'], '--v2'],
      [['preview', '--prot', '1'], '--port'],
      [['carrier', '--jsn'], '--json'],
      [['doctor', '--timeot', '1'], '--timeout'],
      [['render', 'x', '--hlep'], '--help'],
    ];
    for (const [argv, flag] of cases) {
      const r = await velvet(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toContain(`unknown option ${argv.find((a) => a.startsWith('--') && !['--out'].includes(a)) ?? ''}; did you mean ${flag}?`);
    }
  });

  it('a flag without its value, and a value given to a switch', async () => {
    const missing = await velvet(['build', '.', '--out']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('velvet build: --out needs a value (see velvet build --help)\n');
    const extra = await velvet(['carrier', '--json=yes']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toBe('velvet carrier: --json takes no value (see velvet carrier --help)\n');
  });

  it('an unknown command suggests the nearest one', async () => {
    const r = await velvet(['rendr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("velvet: unknown command 'rendr'; did you mean render? Run 'velvet --help' for the list.\n");
  });
});

describe('--fixture takes the name, the file name or the path', () => {
  it('a-good, a-good.json, data/a-good.json and the path from the current folder', async () => {
    const dir = tempTree({ 'e/email.html': '$!n', 'e/data/a-good.json': '{"n": "good"}', 'e/data/b.json': '{"n": "b"}' });
    for (const fixture of ['a-good', 'a-good.json', 'data/a-good.json', './data/a-good.json', 'e/data/a-good.json']) {
      const r = await velvet(['render', 'e', '--fixture', fixture, '--body-only'], { cwd: dir });
      expect(r.stderr, fixture).toBe('');
      expect(r.stdout, fixture).toBe('good');
    }
    const wrong = await velvet(['render', 'e', '--fixture', 'other/a-good.json'], { cwd: dir });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/no fixture 'other\/a-good\.json' for email 'e' \(available: a-good, b\)/);
  });
});
