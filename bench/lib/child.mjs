// Runs a benchmark child process and returns the JSON line it prints last.
import { spawn } from 'node:child_process';

/**
 * Spawns `node <nodeArgs…> <script> <args…>` and parses its last stdout line as JSON.
 * @returns {Promise<{ result: any, wallMs: number }>}
 */
export function runNodeChild(script, args, { nodeArgs = [], cwd } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      if (code !== 0) return reject(new Error(`${script} exited with ${code}: ${err.trim().slice(-2000)}`));
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve({ result: JSON.parse(last), wallMs });
      } catch {
        reject(new Error(`${script} printed no JSON result: ${out.slice(-500)} ${err.slice(-500)}`));
      }
    });
  });
}
