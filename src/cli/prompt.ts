import { createInterface } from 'node:readline';

/** Asks on the terminal without echoing; refuses when there is no terminal to ask on. */
export async function readSecret(question: string): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new Error('No terminal to ask for the password on: pass --password or set CAIRN_PASSWORD.');
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
  let prompted = false;
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (!prompted) {
      write(s);
      prompted = true;
    }
  };
  try {
    return await new Promise<string>((resolve) => {
      rl.question(question, resolve);
    });
  } finally {
    rl.close();
    process.stdout.write('\n');
  }
}
