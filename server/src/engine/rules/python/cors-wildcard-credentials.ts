import type { Node } from 'web-tree-sitter';
import { keywordArgument, positionalArguments, pythonNames, qualifiedName } from '../../analysis/python-names';
import type { Rule } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';

const CORS_MIDDLEWARE = new Set(['fastapi.middleware.cors.CORSMiddleware', 'starlette.middleware.cors.CORSMiddleware']);

/** `"*"`, or a list/tuple holding `"*"`. */
function isWildcard(node: Node | undefined): boolean {
  if (!node) return false;
  if (node.type === 'string') return node.text.slice(1, -1) === '*';
  return (node.type === 'list' || node.type === 'tuple') && node.namedChildren.some((c) => c?.type === 'string' && c.text.slice(1, -1) === '*');
}

export const corsWildcardCredentials: Rule = {
  meta: {
    id: 'py.cors-wildcard-credentials',
    title: 'CORS allows any origin together with credentials',
    family: 'python',
    cwes: [284, 942],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds Starlette/FastAPI `CORSMiddleware` with `allow_origins=["*"]` (or `allow_origin_regex=".*"`) and `allow_credentials=True`, and flask-cors `CORS(...)` with `supports_credentials=True` and all origins.',
      why:
        'Starlette answers a credentialed request with the caller\'s own origin when `*` is configured, so any website a logged-in user visits can call the API with the user\'s cookies and read the answers.',
      vulnerable: 'from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\n\napp = FastAPI()\napp.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)',
      safe: 'from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\n\napp = FastAPI()\napp.add_middleware(CORSMiddleware, allow_origins=["https://shop.example.com"], allow_credentials=True)',
      references: ['https://cwe.mitre.org/data/definitions/942.html', 'https://portswigger.net/web-security/cors'],
    },
  },
  query: PYTHON_CALL_QUERY,
  check(match, context) {
    const { qualified, method, args } = resolveCall(match, context);
    if (method === 'add_middleware' && CORS_MIDDLEWARE.has(qualifiedName(positionalArguments(args)[0], context.analysis(pythonNames)) ?? '')) {
      const origins = keywordArgument(args, 'allow_origins');
      const regex = keywordArgument(args, 'allow_origin_regex');
      const any = isWildcard(origins) ? origins : regex && /^["']\^?\.\*\$?["']$/.test(regex.text) ? regex : undefined;
      if (any && keywordArgument(args, 'allow_credentials')?.type === 'true') {
        context.report({ node: any.parent!, message: 'CORS allows every origin with credentials, so any website can call this API with the user\'s cookies; list the trusted origins' });
      }
      return;
    }
    if (qualified !== 'flask_cors.CORS' && qualified !== 'flask_cors.cross_origin') return;
    const credentials = keywordArgument(args, 'supports_credentials');
    const origins = keywordArgument(args, 'origins');
    if (credentials?.type === 'true' && (!origins || isWildcard(origins))) {
      context.report({ node: credentials.parent!, message: 'flask-cors allows every origin with credentials, so any website can call this API with the user\'s cookies; pass origins=[...] with the trusted origins' });
    }
  },
};
