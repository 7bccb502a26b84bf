import type { SinkKind } from '../taint/facts';
import { BROWSER_MODEL } from './browser';
import { EXPRESS_MODEL } from './express';
import { JS_LIBRARIES_MODEL } from './js-libraries';
import { NEXTJS_MODEL } from './nextjs';
import { NODE_MODEL } from './node';
import { REACT_NATIVE_MODEL } from './react-native';
import type { TypeScriptFrameworkModel, TypeScriptSinkSpec } from './typescript-model';

/** Every JS/TS model the taint analysis consults. */
export const TYPESCRIPT_MODELS: readonly TypeScriptFrameworkModel[] = [NODE_MODEL, JS_LIBRARIES_MODEL, EXPRESS_MODEL, NEXTJS_MODEL, REACT_NATIVE_MODEL, BROWSER_MODEL];

export function typescriptSinks(kind: SinkKind): TypeScriptSinkSpec[] {
  return TYPESCRIPT_MODELS.flatMap((m) => m.sinks ?? []).filter((s) => s.kind === kind);
}
