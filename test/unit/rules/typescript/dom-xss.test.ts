import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.dom-xss';

describe('ts.dom-xss', () => {
  it('reports innerHTML, insertAdjacentHTML and document.write given the page URL, window.name or messages', async () => {
    const text = lines(
      'const params = new URLSearchParams(window.location.search);',
      "const out = document.getElementById('out')!;",
      "out.innerHTML = '<b>' + params.get('q') + '</b>';",
      'out.outerHTML += decodeURIComponent(location.hash);',
      "out.insertAdjacentHTML('beforeend', `<p>${document.referrer}</p>`);",
      'document.write(window.name);',
      "window.addEventListener('message', ({ data }) => {",
      '  out.innerHTML = data.html;',
      '});',
    );
    const [first] = await expectFindings(RULE, 'javascript', text, [
      { at: "'<b>' +", message: ['location.search', '.innerHTML', 'textContent'] },
      { at: 'decodeURIComponent(location.hash)', message: ['location.hash'] },
      { at: '`<p>', message: ['document.referrer', 'insertAdjacentHTML()'] },
      { at: 'window.name);', message: ['document.write()'] },
      { at: 'data.html', message: ['postMessage'] },
    ]);
    assert.deepEqual(first.category, { edition: '2017', id: 'A7', name: 'Cross-Site Scripting (XSS)' });
  });

  it('reports a React effect writing a search parameter, and jQuery .html()', async () => {
    const react = lines(
      "'use client';",
      "import { useEffect, useRef } from 'react';",
      "import { useSearchParams } from 'next/navigation';",
      'export function Hint() {',
      '  const params = useSearchParams();',
      '  const ref = useRef<HTMLParagraphElement>(null);',
      "  useEffect(() => { if (ref.current) ref.current.innerHTML = `<em>${params.get('q')}</em>`; }, [params]);",
      '  return <p ref={ref} />;',
      '}',
    );
    await expectFindings(RULE, 'tsx', react, [{ at: '`<em>', message: ['useSearchParams()'] }]);
    const jquery = lines("import $ from 'jquery';", "$('#out').html(location.hash.slice(1));", "$('#out').text(location.hash.slice(1));");
    await expectFindings(RULE, 'javascript', jquery, [{ at: 'location.hash.slice(1));' }]);
  });

  it('leaves sanitized HTML, text, constants, checked messages and storage alone', async () => {
    const text = lines(
      "import DOMPurify from 'dompurify';",
      "import escapeHtml from 'escape-html';",
      'const params = new URLSearchParams(location.search);',
      "const out = document.getElementById('out')!;",
      "out.innerHTML = DOMPurify.sanitize(params.get('q')!);",
      "out.innerHTML = `<b>${escapeHtml(params.get('q')!)}</b>`;",
      "out.textContent = params.get('q');",
      "out.innerHTML = '<p>Closed</p>';",
      "out.title = params.get('q')!;",
      "out.innerHTML = localStorage.getItem('draft')!;",
      "window.addEventListener('message', (event) => {",
      "  if (!['https://a.example.com'].includes(event.origin)) return;",
      '  out.innerHTML = event.data.html;',
      '});',
      "window.addEventListener('message', (event) => {",
      "  if (event.origin === 'https://b.example.com') out.insertAdjacentHTML('beforeend', event.data.html);",
      '});',
      "document.addEventListener('click', (event) => { out.innerHTML = String(event.detail); });",
    );
    await expectNoFindings(RULE, 'typescript', text);
  });
});
