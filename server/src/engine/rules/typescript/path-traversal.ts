import { objectProperties } from '../../analysis/javascript-syntax';
import { tsTaintSinkRule } from './taint-sink';

export const tsPathTraversal = tsTaintSinkRule({
  kind: 'path',
  remoteOnly: true,
  meta: {
    id: 'ts.path-traversal',
    title: 'File path built from request data',
    family: 'typescript',
    cwes: [22],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        "Finds `fs`/`fs/promises`/`fs-extra` reads, writes, deletions and streams, and Express `res.sendFile`/`res.download`, whose path carries request data (also through `path.join`/`path.resolve`) without `path.basename()` or a containment check (`if (!resolved.startsWith(base)) return ...`). `res.sendFile(name, { root })` is contained by Express and not reported. Paths from argv or the environment are not reported: choosing files is what a command-line tool is for.",
      why:
        '`../` segments and absolute paths walk out of the intended directory: `?file=../../etc/passwd` reads any file the server can, and a write or delete through such a path can replace code or configuration.',
      vulnerable:
        "import express from 'express';\nimport fs from 'fs';\nimport path from 'path';\n\nconst app = express();\n\napp.get('/files', (req, res) => {\n  res.send(fs.readFileSync(path.join('/srv/uploads', String(req.query.name))));\n});",
      safe:
        "import express from 'express';\nimport fs from 'fs';\nimport path from 'path';\n\nconst app = express();\nconst BASE = '/srv/uploads';\n\napp.get('/files', (req, res) => {\n  const resolved = path.resolve(BASE, String(req.query.name));\n  if (!resolved.startsWith(BASE + path.sep)) return res.status(400).end();\n  res.send(fs.readFileSync(resolved));\n});",
      references: ['https://cwe.mitre.org/data/definitions/22.html', 'https://owasp.org/www-community/attacks/Path_Traversal'],
    },
  },
  // Express resolves a `root`-relative path itself and refuses `..` out of it.
  applies: (sink) => !(sink.spec.method === 'sendFile' && sink.args.slice(1).some((a) => a.type === 'object' && objectProperties(a).has('root'))),
  message: (sink, hit) => `a file path built from ${hit.source} reaches ${sink}; keep only the file name (path.basename) or check the resolved path stays under its base directory`,
});
