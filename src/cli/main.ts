/** `culprit`: reads the command line and runs `triage` or `verify`, each loaded only when it runs. */
import { messageOf } from '../core/errors';
import { USAGE, UsageError, parseTriageArgs } from './cliArgs';
import { terminalSafe } from './terminalText';

async function triage(argv: string[]): Promise<number> {
  const args = parseTriageArgs(argv);
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // Imported here, not at the top: the build splits it into its own chunk, so Node reads and compiles the
  // pipeline only when a triage runs, and `--help` and usage errors cost little more than Node's start.
  const { runTriageCommand } = await import('./triageCommand');
  return runTriageCommand(args);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'triage') return await triage(rest);
    if (command === 'verify') {
      const { verifyCommand } = await import('./verifyCommand');
      return await verifyCommand(rest);
    }
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command '${command}' (try: culprit triage --help)`);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`culprit: ${terminalSafe(e.message)}\n`);
      return 2;
    }
    // One clear line, never a stack dump: the message already says what and how to fix it.
    process.stderr.write(`culprit: ${terminalSafe(messageOf(e))}\n`);
    return 1;
  }
}

// The CLI bundle's entry (an ES module: no `require.main`); nothing else imports this file.
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
