import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LanguageId } from '../../../../server/src/engine/parse/languages';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.dangerously-set-inner-html';
const JSX_GRAMMARS: LanguageId[] = ['tsx', 'javascript'];
const ALL_GRAMMARS: LanguageId[] = ['typescript', ...JSX_GRAMMARS];

const bio = (...imports: string[]) =>
  lines(...imports, 'export function Bio({ html }) {', '  return <div className="bio" dangerouslySetInnerHTML={{ __html: html }} />;', '}');

describe('ts.dangerously-set-inner-html', () => {
  describe('reports unsanitized HTML', () => {
    for (const language of JSX_GRAMMARS) {
      it(`the JSX prop, pointing at the __html value (${language})`, async () => {
        const [finding] = await expectFindings(RULE, language, bio(), [
          { at: 'html }} />', covers: 'html', message: ['not sanitized', 'DOMPurify.sanitize()'] },
        ]);
        assert.equal(finding.severity, 'high');
        assert.deepEqual(finding.cwes, [79]);
        assert.deepEqual(finding.category, { edition: '2017', id: 'A7', name: 'Cross-Site Scripting (XSS)' });
        assert.equal(finding.fix, undefined, 'without a DOMPurify import there is no one-step fix');
      });
    }

    for (const language of ALL_GRAMMARS) {
      it(`the prop given to createElement (${language})`, async () => {
        const text = lines(
          "import React from 'react';",
          'export function Bio(props: { html: string }) {',
          "  return React.createElement('div', { dangerouslySetInnerHTML: { __html: props.html } });",
          '}',
        );
        await expectFindings(RULE, language, text, [{ at: 'props.html }', covers: 'props.html' }]);
      });
    }

    it('a quoted __html key and a template with a substitution', async () => {
      const text = lines('export const Note = ({ body }) => (', '  <p dangerouslySetInnerHTML={{ "__html": `<b>${body}</b>` }} />', ');');
      await expectFindings(RULE, 'tsx', text, [{ at: '`<b>' }]);
    });

    it('a sanitizer applied to something else than the value', async () => {
      const text = lines("import DOMPurify from 'dompurify';", 'export const A = ({ html, other }) => {', '  DOMPurify.sanitize(other);', '  return <i dangerouslySetInnerHTML={{ __html: html }} />;', '};');
      await expectFindings(RULE, 'tsx', text, [{ at: 'html }}' }]);
    });

    it('a local function that merely shares a sanitizer\'s name', async () => {
      const text = lines('const sanitize = (s: string) => s;', 'export const A = ({ html }) => <div dangerouslySetInnerHTML={{ __html: sanitize(html) }} />;');
      await expectFindings(RULE, 'tsx', text, [{ at: 'sanitize(html)' }]);
    });
  });

  describe('fix: wrap in the DOMPurify the file imports', () => {
    const cases: [how: string, importLine: string, purifier: string][] = [
      ['default import', "import DOMPurify from 'dompurify';", 'DOMPurify'],
      ['namespace import under another name', "import * as purify from 'isomorphic-dompurify';", 'purify'],
      ['require', "const createPurifier = require('dompurify');", 'createPurifier'],
    ];
    for (const [how, importLine, purifier] of cases) {
      it(`${how}: ${purifier}.sanitize(html)`, async () => {
        const text = bio(importLine);
        const [finding] = await expectFindings(RULE, 'tsx', text, [{ at: 'html }} />' }]);
        assert.equal(finding.fix!.title, `Sanitize with ${purifier}.sanitize()`);
        assert.equal(await assertFixWorks('tsx', text, finding), text.replace('__html: html', `__html: ${purifier}.sanitize(html)`));
      });
    }

    it('works in the createElement form too', async () => {
      const text = lines("import DOMPurify from 'dompurify';", "const el = h('div', { dangerouslySetInnerHTML: { __html: page.body } });");
      const [finding] = await expectFindings(RULE, 'typescript', text, [{ at: 'page.body' }]);
      assert.equal(await assertFixWorks('typescript', text, finding), text.replace('__html: page.body', '__html: DOMPurify.sanitize(page.body)'));
    });
  });

  describe('stays quiet on safe look-alikes', () => {
    for (const language of JSX_GRAMMARS) {
      it(`DOMPurify-sanitized HTML (${language})`, async () => {
        const text = lines(
          "import DOMPurify from 'dompurify';",
          "import { sanitize } from 'isomorphic-dompurify';",
          "import sanitizeHtml from 'sanitize-html';",
          'export const A = ({ html }) => <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} />;',
          'export const B = ({ html }) => <div dangerouslySetInnerHTML={{ __html: sanitize(html) }} />;',
          'export const C = ({ html }) => <div dangerouslySetInnerHTML={{ __html: sanitizeHtml(html) }} />;',
        );
        await expectNoFindings(RULE, language, text);
      });
    }

    it('constant HTML: a literal, a constant name, a template without substitutions', async () => {
      const text = lines(
        "const DIVIDER = '<hr class=\"divider\"/>';",
        'export const A = () => <div dangerouslySetInnerHTML={{ __html: "<br/>" }} />;',
        'export const B = () => <div dangerouslySetInnerHTML={{ __html: DIVIDER }} />;',
        'export const C = () => <div dangerouslySetInnerHTML={{ __html: `<em>new</em>` }} />;',
      );
      await expectNoFindings(RULE, 'tsx', text);
    });

    it('other props and other keys', async () => {
      const text = lines('export const A = ({ html }) => <div title={html} data-html={{ __html: html }} />;', 'const props = { innerHTML: { __html: html } };');
      await expectNoFindings(RULE, 'tsx', text);
    });
  });

  it('is certain, with a path, when the HTML comes from the page URL; the same line either way', async () => {
    const text = lines(
      "'use client';",
      "import { useSearchParams } from 'next/navigation';",
      'export function Preview({ body }: { body: string }) {',
      "  const note = useSearchParams().get('note') ?? '';",
      '  return (',
      '    <div>',
      '      <p dangerouslySetInnerHTML={{ __html: `<em>${note}</em>` }} />',
      '      <p dangerouslySetInnerHTML={{ __html: body }} />',
      '    </div>',
      '  );',
      '}',
    );
    const [fromUrl, fromProps] = await expectFindings(RULE, 'tsx', text, [{ at: '`<em>', message: ['useSearchParams()'] }, { at: 'body }} />' }]);
    assert.equal(fromUrl.confidence, 'high');
    assert.ok(fromUrl.path && fromUrl.path.length >= 2);
    assert.equal(fromProps.confidence, 'medium');
    assert.equal(fromProps.path, undefined);
  });
});
