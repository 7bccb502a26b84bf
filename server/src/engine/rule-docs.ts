import { categoryFor, categoryLabel, EDITIONS } from './owasp';
import type { RuleMeta } from './rules/types';

const FENCE: Record<string, string> = { python: 'python', typescript: 'tsx', yaml: 'yaml', dockerfile: 'dockerfile', dependencies: '', mobile: 'xml', any: '' };

/** A rule's documentation page, generated from its metadata so docs cannot drift from the rule. */
export function ruleDocMarkdown(meta: RuleMeta): string {
  const categories = EDITIONS.map((edition) => {
    const c = categoryFor(meta.cwes, edition);
    return `| ${edition} | ${c ? categoryLabel(c) : '(engine notice)'} |`;
  });
  const cwes = meta.cwes.map((c) => `[CWE-${c}](https://cwe.mitre.org/data/definitions/${c}.html)`).join(', ') || 'none';
  const fence = meta.docs.file?.endsWith('.json') ? 'json' : FENCE[meta.family];
  return [
    `# ${meta.id}: ${meta.title}`,
    '',
    `Severity **${meta.severity}**, confidence **${meta.confidence}**, ${cwes}.`,
    '',
    meta.docs.summary,
    '',
    '## Why it matters',
    '',
    meta.docs.why,
    '',
    '## Example',
    '',
    '```' + fence,
    meta.docs.vulnerable,
    '```',
    '',
    '## Safe alternative',
    '',
    '```' + fence,
    meta.docs.safe,
    '```',
    '',
    '## OWASP Top 10 category',
    '',
    '| edition | category |',
    '|---|---|',
    ...categories,
    '',
    '## Suppressing',
    '',
    meta.family === 'mobile'
      ? `Write \`<!-- owasp-audit-ignore ${meta.id}: <reason> -->\` on the line above the element (XML comments may not hold \`--\`; it covers the whole start tag below it), or turn the rule off in \`.owasp-audit.yml\` (\`rules: { ${meta.id}: off }\`).`
      : `Write \`owasp-audit-ignore ${meta.id} -- <reason>\` in a comment on the line or the line above, or turn the rule off in \`.owasp-audit.yml\` (\`rules: { ${meta.id}: off }\`).`,
    ...(meta.docs.references?.length ? ['', '## References', '', ...meta.docs.references.map((r) => `- ${r}`)] : []),
    '',
  ].join('\n');
}

export function ruleIndexMarkdown(metas: readonly RuleMeta[]): string {
  const rows = metas.map((m) => {
    const c = categoryFor(m.cwes, '2017');
    return `| [\`${m.id}\`](${m.id}.md) | ${m.title} | ${c ? categoryLabel(c) : 'notice'} | ${m.cwes.map((n) => `CWE-${n}`).join(', ') || '-'} | ${m.severity} |`;
  });
  return [
    '# Rules',
    '',
    'Generated from the rules\' own metadata by `npm run docs`; do not edit by hand.',
    '',
    '| rule | title | OWASP 2017 | CWE | severity |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
