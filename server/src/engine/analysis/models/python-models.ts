import { DJANGO_MODEL } from './django';
import { FASTAPI_MODEL } from './fastapi';
import { FLASK_MODEL } from './flask';
import { LIBRARIES_MODEL } from './libraries';
import type { PythonFrameworkModel, SinkSpec } from './python-model';
import { STDLIB_MODEL } from './stdlib';
import type { SinkKind } from '../taint/facts';

/** Every Python model the taint analysis consults. */
export const PYTHON_MODELS: readonly PythonFrameworkModel[] = [STDLIB_MODEL, LIBRARIES_MODEL, FASTAPI_MODEL, FLASK_MODEL, DJANGO_MODEL];

export function pythonSinks(kind: SinkKind): SinkSpec[] {
  return PYTHON_MODELS.flatMap((m) => m.sinks ?? []).filter((s) => s.kind === kind);
}
