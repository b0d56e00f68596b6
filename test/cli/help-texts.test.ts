/** Help texts that say what velvet does: `velvet help CMD`, the list of commands, defaults. */
import { describe, expect, it } from 'vitest';
import { tempTree, velvet } from './helpers.js';

describe('help', () => {
  it('velvet help CMD prints the help of CMD, as velvet CMD --help does', async () => {
    const help = await velvet(['help', 'render']);
    expect(help.code).toBe(0);
    expect(help).toEqual(await velvet(['render', '--help']));
    const unknown = await velvet(['help', 'rendr']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'rendr'; did you mean render\?/);
  });

  it("the command list names every lint format, gitlab too", async () => {
    const list = await velvet(['--help']);
    expect(list.stdout).toMatch(/^ {2}lint +.*gitlab/m);
  });

  it('render and send say which fixture is the default: the one email.json lists first, else default', async () => {
    for (const cmd of ['render', 'send']) {
      const r = await velvet([cmd, '--help']);
      expect(r.stdout, cmd).toMatch(/--fixture NAME +.*\(default: the first in email\.json's\s+"fixtures", else "default", else the first by name\)/);
    }
  });

  it('--help=VALUE is not answered with "did you mean --help?"', async () => {
    const r = await velvet(['render', 'x.vm', '--help=yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('velvet render: --help takes no value (see velvet render --help)\n');
  });
});

describe('a misspelt rule id', () => {
  it('--rule suggests the nearest rule', async () => {
    const r = await velvet(['lint', 'samples/welcome', '--rule', 'syntx=off']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("velvet lint: unknown rule 'syntx'; did you mean syntax? (velvet lint --list-rules)\n");
  });

  it('lint.rules in the config: the warning suggests it too', async () => {
    const dir = tempTree({ 'velvet.config.json': '{"lint": {"rules": {"output-img-alts": "off"}}}', 'e/email.html': 'Hi' });
    const r = await velvet(['lint'], { cwd: dir });
    expect(r.stderr).toContain("velvet lint: the config names an unknown rule 'output-img-alts'; did you mean output-img-alt?\n");
  });
});
