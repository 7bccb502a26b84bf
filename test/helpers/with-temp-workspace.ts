import { createTempWorkspace, type TempWorkspace } from './temp-workspace';

/** Runs `body` on a fresh temp workspace holding `files`, and removes the workspace afterwards, pass or fail. */
export async function withTempWorkspace<T>(files: Record<string, string | Buffer>, body: (ws: TempWorkspace) => Promise<T>): Promise<T> {
  const ws = createTempWorkspace(files);
  try {
    return await body(ws);
  } finally {
    ws.remove();
  }
}
