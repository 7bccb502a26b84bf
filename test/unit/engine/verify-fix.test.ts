import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../server/src/engine/config';
import type { Finding } from '../../../server/src/engine/findings';
import { keepVerifiedFixes, verifyFix } from '../../../server/src/engine/fixes';
import { lines, offsetOf, sharedEngine, snippetInput } from '../../helpers/scan';

const text = lines('import yaml', 'def read(s):', '    return yaml.load(s)');

/** The yaml-load finding of `text`, and a fix that replaces the call with `replacement`. */
async function verifyReplacement(replacement: string): Promise<boolean> {
  const engine = await sharedEngine();
  const input = snippetInput('python', text);
  const before = engine.scan(input, defaultConfig());
  const finding = before.findings.find((f) => f.ruleId === 'py.yaml-load')!;
  const edits = [{ start: finding.offsets.start, end: finding.offsets.end, newText: replacement }];
  return verifyFix(engine, input, before, finding, { title: 'test', edits }, defaultConfig());
}

describe('verifyFix', () => {
  it('accepts a fix that removes the finding and keeps the file parsing', async () => {
    assert.equal(await verifyReplacement('yaml.safe_load(s)'), true);
  });

  it('rejects a fix that breaks the syntax, even if the finding goes away', async () => {
    assert.equal(await verifyReplacement('yaml.safe_load(s'), false);
    assert.equal(await verifyReplacement('yaml.safe_load(s) +'), false);
  });

  it('rejects a fix that adds a finding of another rule', async () => {
    assert.equal(await verifyReplacement('yaml.safe_load(s) or os.system(s)'), false);
  });

  it('rejects a fix that leaves the finding in place', async () => {
    assert.equal(await verifyReplacement('yaml.load(s)  '), false);
    assert.equal(await verifyReplacement('yaml.unsafe_load(s)'), false);
  });

  it('compares against the errors the file already had: a broken file can still be fixed', async () => {
    const engine = await sharedEngine();
    const broken = lines('import yaml', 'def read(s):', '    return yaml.load(s)', 'def other(:');
    const input = snippetInput('python', broken);
    const before = engine.scan(input, defaultConfig());
    const finding = before.findings.find((f) => f.ruleId === 'py.yaml-load')!;
    assert.ok(finding.fix);
    assert.equal(verifyFix(engine, input, before, finding, finding.fix, defaultConfig()), true);
  });
});

describe('keepVerifiedFixes', () => {
  it('keeps fixes that verify and drops the rest, and suppressed findings\' fixes', async () => {
    const engine = await sharedEngine();
    const source = lines('import yaml', 'a = yaml.load(s)', 'b = yaml.load(s)  # owasp-audit-ignore py.yaml-load -- fixture', 'c = yaml.load(s)');
    const input = snippetInput('python', source);
    const result = engine.scan(input, defaultConfig());
    const byLine = (line: number) => result.findings.find((f) => f.ruleId === 'py.yaml-load' && f.range.start.line === line) as Finding;
    // Sabotage the last fix so that it no longer parses.
    byLine(3).fix!.edits = [{ start: offsetOf(source, 'c = '), end: offsetOf(source, 'c = ') + 4, newText: 'c = (' }];
    keepVerifiedFixes(engine, input, result, defaultConfig());
    assert.ok(byLine(1).fix, 'a verified fix is kept');
    assert.equal(byLine(2).fix, undefined, 'a suppressed finding offers no fix');
    assert.equal(byLine(3).fix, undefined, 'a fix that breaks the file is dropped');
  });

  it('checks fixes that do not touch in one re-scan, with the same outcome as one by one', async () => {
    const engine = await sharedEngine();
    const source = lines('import yaml', 'import requests', 'a = yaml.load(s)', 'b = yaml.load(t)', 'r = requests.get(u, verify=False)');
    const input = snippetInput('python', source);
    const oneByOne = engine.scan(input, defaultConfig());
    const fixable = oneByOne.findings.filter((f) => f.fix);
    assert.ok(fixable.length >= 3, `expected three fixable findings, got ${fixable.map((f) => f.ruleId)}`);
    const expected = fixable.map((f) => verifyFix(engine, input, oneByOne, f, f.fix!, defaultConfig()));
    assert.deepEqual(expected, fixable.map(() => true));

    const together = engine.scan(input, defaultConfig());
    const scan = engine.scan.bind(engine);
    let rescans = 0;
    engine.scan = (...args) => (rescans++, scan(...args));
    try {
      keepVerifiedFixes(engine, input, together, defaultConfig());
    } finally {
      Reflect.deleteProperty(engine, 'scan');
    }
    assert.deepEqual(together.findings.filter((f) => f.fix).map((f) => f.ruleId), fixable.map((f) => f.ruleId));
    assert.equal(rescans, 1);
  });
});
