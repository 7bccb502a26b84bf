import type { Node } from 'web-tree-sitter';
import { isConstantExpression } from '../../analysis/constants';
import { keywordArgument, positionalArguments, pythonNames } from '../../analysis/python-names';
import { pythonTaint } from '../../analysis/python-taint';
import type { Fix } from '../../findings';
import type { Rule, RuleContext } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';
import { recordSinkArgument, taintReport, withImportedSinks, type ImportedSinkSpec } from './taint-sink';

/** Loaders that build arbitrary objects (and so run code) from their input. */
const UNSAFE_LOADERS = new Set([
  'pickle.loads', 'pickle.load', 'pickle.Unpickler', 'cPickle.loads', 'cPickle.load', '_pickle.loads', '_pickle.load',
  'dill.loads', 'dill.load', 'marshal.loads', 'marshal.load', 'shelve.open', 'jsonpickle.decode', 'jsonpickle.loads',
  'pandas.read_pickle', 'joblib.load', 'torch.load', 'numpy.load',
]);
/** Loaders safe with one keyword: `torch.load(..., weights_only=True)`, `numpy.load(..., allow_pickle=False)` (its default). */
const SAFE_WITH: Record<string, { keyword: string; safe: 'true' | 'false'; unsafeByDefault: boolean }> = {
  'torch.load': { keyword: 'weights_only', safe: 'true', unsafeByDefault: true },
  'numpy.load': { keyword: 'allow_pickle', safe: 'false', unsafeByDefault: false },
};

const meta: Rule['meta'] = {
  id: 'py.unsafe-deserialization',
  title: 'Data deserialized with a loader that can run code',
  family: 'python',
  cwes: [502],
  severity: 'high',
  confidence: 'medium',
  docs: {
    summary:
      'Finds `pickle`/`cPickle`/`dill`/`marshal`/`shelve`/`jsonpickle` loads, `pandas.read_pickle`, `joblib.load`, `numpy.load(allow_pickle=True)` and `torch.load` without `weights_only=True` on data that is not a constant: high confidence when request data reaches them. Fixes add `weights_only=True` to `torch.load`, and turn `pickle.loads` of request data into `json.loads` when the file already uses json.',
    why:
      'Unpickling calls whatever the data names (`os.system` via `__reduce__`), so whoever controls the bytes runs code in the service. Model files and caches downloaded or uploaded count as such data.',
    vulnerable: 'import pickle\nfrom fastapi import FastAPI, Request\n\napp = FastAPI()\n\n@app.post("/cart")\nasync def restore_cart(request: Request):\n    return pickle.loads(await request.body())',
    safe: 'import json\nfrom fastapi import FastAPI, Request\n\napp = FastAPI()\n\n@app.post("/cart")\nasync def restore_cart(request: Request):\n    return json.loads(await request.body())',
    references: ['https://cwe.mitre.org/data/definitions/502.html', 'https://docs.python.org/3/library/pickle.html', 'https://pytorch.org/docs/stable/generated/torch.load.html'],
  },
};

const importedSinks: ImportedSinkSpec = {
  meta,
  kind: 'deserialization',
  message: (sink, hit) => `${sink} can run code named by the data it loads, here ${hit.source}; load a data-only format (JSON) or only trusted, integrity-checked files`,
};

export const unsafeDeserialization: Rule = withImportedSinks(importedSinks, {
  meta,
  query: PYTHON_CALL_QUERY,
  check(match, context) {
    const { qualified, callee, args } = resolveCall(match, context);
    if (!qualified || !UNSAFE_LOADERS.has(qualified)) return;
    const data = positionalArguments(args)[0] ?? args.namedChildren.find((c) => c?.type === 'keyword_argument')?.childForFieldName('value');
    if (!data) return;
    const safeWith = SAFE_WITH[qualified];
    const keyword = safeWith && keywordArgument(args, safeWith.keyword);
    if (safeWith && (keyword ? keyword.type === safeWith.safe : !safeWith.unsafeByDefault)) return;
    const names = context.analysis(pythonNames);
    if (isConstantExpression(data, (name) => names.assignments.get(name))) return;
    recordSinkArgument(importedSinks, `${qualified}()`, data, context);
    const hit = context.analysis(pythonTaint).taintOf(data, 'deserialization');
    const message = `${qualified}() can run code named by the data it loads${hit ? `, here ${hit.source}` : ''}; load a data-only format (JSON) or${safeWith ? ` pass ${safeWith.keyword}=${safeWith.safe === 'true' ? 'True' : 'False'}` : ' only trusted, integrity-checked files'}`;
    context.report({
      ...(hit ? taintReport(hit, data, `${qualified}()`, context) : { node: data }),
      message,
      fix: qualified === 'torch.load' && !keyword ? weightsOnlyFix(args) : hit?.trust === 'remote' && qualified === 'pickle.loads' ? jsonFix(callee, context) : undefined,
    });
  },
});

function weightsOnlyFix(args: Node): Fix {
  const close = args.lastChild!;
  const separator = close.previousSibling?.type === ',' ? ' ' : ', ';
  return { title: 'Load weights only', edits: [{ start: close.startIndex, end: close.startIndex, newText: `${separator}weights_only=True` }] };
}

/** `pickle.loads(body)` -> `json.loads(body)` for request data, when the file already imports json. */
function jsonFix(callee: Node, context: RuleContext): Fix | undefined {
  if (callee.type !== 'attribute' || context.analysis(pythonNames).imports.get('json') !== 'json') return undefined;
  return { title: 'Parse it as JSON', edits: [{ start: callee.startIndex, end: callee.endIndex, newText: 'json.loads' }] };
}
