/** For the CLI's tests: run `podpath` in memory, and spell the arguments of `podpath trace`. */
import { main, type CliIo } from './main.ts';

/** A `podpath` that reads files with `readFile` and hands back its exit code and output. */
export function cliRunner(readFile: CliIo['readFile']) {
  return (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      readFile,
    };
    const code = main(argv, io);
    return { code, stdout, stderr };
  };
}

/** The arguments of `podpath trace FILE --from SOURCE --to TARGET ...rest`. */
export function traceArgv(file: string, from: string, to: string, ...rest: string[]): string[] {
  return ['trace', file, '--from', from, '--to', to, ...rest];
}
