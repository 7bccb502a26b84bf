import type { NextApiRequest, NextApiResponse } from 'next';

// Hidden from the bundler so the standalone server resolves the module at run time.
const runtimeRequire = eval('require') as NodeRequire;

export default function handler(_req: NextApiRequest, res: NextApiResponse) {
  const { version } = runtimeRequire('next/package.json') as { version: string };
  res.status(200).json({ status: 'ok', next: version, uptime: process.uptime() });
}
