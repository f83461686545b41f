import childProcess from 'node:child_process';

/** Counts processes started while `fn` runs (spawn and execFile both end in ChildProcess#spawn). */
export async function countSpawns<T>(fn: () => Promise<T>): Promise<{ value: T; spawns: number }> {
  const proto = childProcess.ChildProcess.prototype as unknown as { spawn: (...a: unknown[]) => unknown };
  const original = proto.spawn;
  let spawns = 0;
  proto.spawn = function (this: unknown, ...a: unknown[]) {
    spawns++;
    return original.apply(this, a);
  };
  try {
    return { value: await fn(), spawns };
  } finally {
    proto.spawn = original;
  }
}
