import { taintSinkRule } from './taint-sink';

export const pathTraversal = taintSinkRule({
  kind: 'path',
  remoteOnly: true,
  meta: {
    id: 'py.path-traversal',
    title: 'File path built from untrusted data',
    family: 'python',
    cwes: [22],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds request data reaching `open`, `os.remove`, `shutil` file operations, FastAPI/Starlette `FileResponse` or Flask `send_file` without `os.path.basename`/`secure_filename`, an allow-list check, or a containment check (`resolved.is_relative_to(BASE)`).',
      why:
        '`../` sequences and absolute paths in the data walk out of the intended folder: `../../etc/passwd` is read and returned, or `../app/settings.py` overwritten.',
      vulnerable:
        'from fastapi import FastAPI\nfrom fastapi.responses import FileResponse\n\napp = FastAPI()\n\n@app.get("/invoices/{name}")\ndef invoice(name: str):\n    return FileResponse(f"/srv/invoices/{name}")',
      safe:
        'import os\nfrom fastapi import FastAPI\nfrom fastapi.responses import FileResponse\n\napp = FastAPI()\n\n@app.get("/invoices/{name}")\ndef invoice(name: str):\n    return FileResponse(os.path.join("/srv/invoices", os.path.basename(name)))',
      references: ['https://cwe.mitre.org/data/definitions/22.html', 'https://owasp.org/www-community/attacks/Path_Traversal'],
    },
  },
  message: (sink, hit) => `a file path built from ${hit.source} reaches ${sink}; reduce it to a file name (os.path.basename, werkzeug secure_filename) or check the resolved path stays inside the base folder`,
});
