// Preloaded into a measured Node process (`node --require`): reports its peak RSS and the git
// processes it started, on stderr, when it exits.
const childProcess = require('node:child_process');

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
  const { maxRSS } = process.resourceUsage();
  process.stderr.write(`\nBENCH_PROCESS ${JSON.stringify({ maxRssKb: maxRSS, spawned, peakActive })}\n`);
});
