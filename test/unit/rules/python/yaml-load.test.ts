import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.yaml-load';

describe('py.yaml-load', () => {
  describe('reports loaders that can build arbitrary objects', () => {
    it('yaml.load without a Loader, filed under A8 Insecure Deserialization', async () => {
      const text = lines('import yaml', '', 'def read(body):', '    return yaml.load(body)');
      const [finding] = await expectFindings(RULE, 'python', text, [
        { at: 'yaml.load(', covers: 'yaml.load(body)', message: ['yaml.load() without a safe Loader', 'use yaml.safe_load()'] },
      ]);
      assert.equal(finding.severity, 'high');
      assert.equal(finding.confidence, 'high');
      assert.deepEqual(finding.cwes, [502]);
      assert.deepEqual(finding.category, { edition: '2017', id: 'A8', name: 'Insecure Deserialization' });
    });

    it('an unsafe Loader given explicitly, through `import yaml as y`', async () => {
      const text = lines('import yaml as y', 'data = y.load(stream, Loader=y.Loader)', 'more = y.load_all(stream, Loader=y.FullLoader)');
      await expectFindings(RULE, 'python', text, [
        { at: 'y.load(', message: ['yaml.load() with Loader=y.Loader', 'yaml.safe_load()'] },
        { at: 'y.load_all(', message: ['yaml.load_all() with Loader=y.FullLoader', 'yaml.safe_load_all()'] },
      ]);
    });

    it('unsafe_load and full_load whatever their arguments', async () => {
      const text = lines('import yaml', 'a = yaml.unsafe_load(s)', 'b = yaml.full_load(s)', 'c = yaml.unsafe_load_all(s)');
      await expectFindings(RULE, 'python', text, [
        { at: 'yaml.unsafe_load(', message: ['yaml.unsafe_load()', 'yaml.safe_load()'] },
        { at: 'yaml.full_load(', message: ['yaml.full_load()'] },
        { at: 'yaml.unsafe_load_all(', message: ['yaml.safe_load_all()'] },
      ]);
    });

    it('functions imported from yaml by name, also under another name, with no fix', async () => {
      const text = lines('from yaml import load, Loader', 'from yaml import unsafe_load as parse_config', 'a = load(s, Loader=Loader)', 'b = parse_config(s)');
      const found = await expectFindings(RULE, 'python', text, [
        { at: 'load(s', message: ['yaml.load() with Loader=Loader'] },
        { at: 'parse_config(s)', message: ['yaml.unsafe_load()'] },
      ]);
      // A bare name has no module in scope to call safe_load on.
      assert.deepEqual(found.map((f) => f.fix), [undefined, undefined]);
    });
  });

  describe('fix: use safe_load', () => {
    const fixes: [title: string, before: string, after: string][] = [
      ['adds the safe function for a call without Loader', 'yaml.load(body)', 'yaml.safe_load(body)'],
      ['drops the Loader argument with its comma', 'yaml.load(body, Loader=yaml.Loader)', 'yaml.safe_load(body)'],
      ['drops a Loader that comes first', 'yaml.load(Loader=yaml.UnsafeLoader, stream=body)', 'yaml.safe_load(stream=body)'],
      ['keeps the _all form', 'yaml.load_all(body, Loader=yaml.FullLoader)', 'yaml.safe_load_all(body)'],
      ['replaces unsafe_load', 'yaml.unsafe_load(body)', 'yaml.safe_load(body)'],
      ['replaces full_load_all', 'yaml.full_load_all(body)', 'yaml.safe_load_all(body)'],
    ];
    for (const [title, before, after] of fixes) {
      it(`${title}: ${before} -> ${after}`, async () => {
        const text = lines('import yaml', 'def read(body):', `    return ${before}`);
        const [finding] = await expectFindings(RULE, 'python', text, [{ at: 'yaml.' }]);
        assert.equal(finding.fix!.title, `Use yaml.${after.slice(5, after.indexOf('('))}()`);
        assert.equal(await assertFixWorks('python', text, finding), lines('import yaml', 'def read(body):', `    return ${after}`));
      });
    }

    it('keeps the alias the file imported', async () => {
      const text = lines('import yaml as y', 'cfg = y.load(open("c.yml"), Loader=y.Loader)');
      const [finding] = await expectFindings(RULE, 'python', text, [{ at: 'y.load(' }]);
      assert.equal(await assertFixWorks('python', text, finding), lines('import yaml as y', 'cfg = y.safe_load(open("c.yml"))'));
    });
  });

  describe('stays quiet on safe look-alikes', () => {
    it('a safe Loader, by attribute or imported name', async () => {
      const text = lines(
        'import yaml',
        'from yaml import CSafeLoader',
        'a = yaml.load(x, Loader=yaml.SafeLoader)',
        'b = yaml.load(x, Loader=CSafeLoader)',
        'c = yaml.load_all(x, Loader=yaml.BaseLoader)',
      );
      await expectNoFindings(RULE, 'python', text);
    });

    it('safe_load itself, even imported as `load`', async () => {
      const text = lines('import yaml', 'from yaml import safe_load as load', 'a = yaml.safe_load(x)', 'b = load(x)');
      await expectNoFindings(RULE, 'python', text);
    });

    it('load functions of other modules and objects', async () => {
      const text = lines('import json', 'import pickle', 'def read(f, store):', '    a = json.load(f)', '    b = store.load(f)', '    return load(f)');
      await expectNoFindings(RULE, 'python', text);
    });
  });
});
