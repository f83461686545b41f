// Preloaded into a measured Node process (`node --require`): reports its peak RSS and the git
// processes it started, on stderr, when it exits.
const childProcess = require('node:child_process');
const fs = require('node:fs');

/**
 * The process's own peak (VmHWM of its address space). Linux carries getrusage's maxRSS across
 * execve, so `resourceUsage().maxRSS` of a child forked from a large bench process reports the
 * parent's size (245 MB for a 59 MB triage once the bench held its 250k-file results).
 */
function peakRssKb() {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {
    // not Linux: fall back to getrusage
  }
  return process.resourceUsage().maxRSS;
}

let spawned = 0;
let active = 0;
let peakActive = 0;
const protoSpawn = childProcess.ChildProcess.prototype.spawn;
childProcess.ChildProcess.prototype.spawn = function countedSpawn(...args) {
  const result = protoSpawn.apply(this, args);
  spawned++;
  active++;
  peakActive = Math.max(peakActive, active);
  this.once('exit', () => active--);
  return result;
};
process.on('exit', () => {
  process.stderr.write(`\nBENCH_PROCESS ${JSON.stringify({ maxRssKb: peakRssKb(), spawned, peakActive })}\n`);
});
