// The CLI's main() run in this process, its output captured (the CLI tests' one way to run it).
import { main } from '../../cli/src/cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `govreport ARGS` in `cwd` with an empty environment. */
export async function run(args: string[], cwd = process.cwd()): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, env: {} });
  return { code, stdout, stderr };
}
