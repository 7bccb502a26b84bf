/**
 * Synthetic but realistic source for benchmarks: FastAPI-style Python and Next.js-style TypeScript with imports,
 * classes, routes, queries, a few findings and many safe look-alikes, so every rule's query has matches to check.
 */
export function pythonSource(lines: number, seed = 0): string {
  const out = ['import os', 'import subprocess', 'import yaml', 'from fastapi import APIRouter, Depends', '', 'router = APIRouter()', 'BACKUP_CMD = "pg_dump --no-owner app"', ''];
  for (let i = 0; out.length < lines; i++) {
    const n = seed * 100000 + i;
    out.push(
      '',
      `@router.get("/items/${n}/{item_id}")`,
      `async def handler_${n}(item_id: int, q: str | None = None, user=Depends(current_user)):`,
      `    """Return item ${n} for the current user."""`,
      `    rows = await db.fetch_all("SELECT * FROM items WHERE id = %s AND owner = %s", (item_id, user.id))`,
      `    result = [dict(row) for row in rows if row["visible"]]`,
      `    total = sum(r.get("price", 0) for r in result)`,
      i % 50 === 0 ? `    subprocess.run(f"echo {q}", shell=True)` : `    subprocess.run(["echo", str(q)])`,
      i % 40 === 0 ? '    config = yaml.load(q, Loader=yaml.Loader)' : '    config = yaml.safe_load(q or "{}")',
      `    if total > ${n % 97}:`,
      `        os.environ.get("FEATURE_${n % 13}", "off")`,
      '    return {"items": result, "total": total, "config": config}',
    );
  }
  return out.slice(0, lines).join('\n') + '\n';
}

export function typescriptSource(lines: number, seed = 0): string {
  const out = ["import type { NextApiRequest, NextApiResponse } from 'next';", "import DOMPurify from 'dompurify';", "import { pool } from '../lib/db';", ''];
  for (let i = 0; out.length < lines; i++) {
    const n = seed * 100000 + i;
    out.push(
      '',
      `export async function handler${n}(req: NextApiRequest, res: NextApiResponse): Promise<void> {`,
      `  const id = Number(req.query.id ?? ${n % 31});`,
      "  const [rows] = await pool.execute('SELECT * FROM orders WHERE id = ?', [id]);",
      `  const items = (rows as { price: number; name: string }[]).filter((r) => r.price > ${n % 17});`,
      '  const total = items.reduce((sum, r) => sum + r.price, 0);',
      i % 50 === 0 ? '  const rule = eval(String(req.query.rule));' : "  const rule = eval('1 + 1');",
      `  const label = \`order \${id}: \${items.length} items\`;`,
      `  res.status(200).json({ label, total, rule, page: ${n % 7} });`,
      '}',
      '',
      `export function Summary${n}({ html }: { html: string }) {`,
      i % 50 === 0 ? '  return <div dangerouslySetInnerHTML={{ __html: html }} />;' : '  return <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} />;',
      '}',
    );
  }
  return out.slice(0, lines).join('\n') + '\n';
}

export function kubernetesSource(deployments: number): string {
  const docs: string[] = [];
  for (let i = 0; i < deployments; i++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: service-${i}
spec:
  replicas: 2
  template:
    spec:
      securityContext:
        runAsNonRoot: ${i % 5 !== 0}
      containers:
        - name: app
          image: registry.example.com/service-${i}:1.${i}.0
          securityContext:
            privileged: ${i % 9 === 0}
            allowPrivilegeEscalation: false
          resources:
            limits: { cpu: 500m, memory: 256Mi }
`);
  }
  return docs.join('---\n');
}
