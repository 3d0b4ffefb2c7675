/**
 * Reading a password on the command line, never from argv (argv is visible to
 * every user of the machine in `ps` and lands in shell history):
 * - at a terminal: prompted on stderr, typed without echo;
 * - otherwise: the first line of stdin (`printf '%s\n' "$PW" | sahay accounts add …`).
 */
export interface SecretInput {
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  /** Where prompts go (stderr, so that stdout stays clean for scripts). */
  prompt: NodeJS.WritableStream;
}

export class SecretInputError extends Error {}

/** The first line of a non-terminal input, read to its end. */
async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const text = Buffer.concat(chunks).toString('utf8');
  const line = text.split(/\r?\n/)[0] ?? '';
  if (line === '') throw new SecretInputError('No password on stdin: pipe it in (first line), or run this at a terminal to be asked.');
  return line;
}

/** One line typed at a terminal with echo off. Ctrl-C or Ctrl-D abandons. */
function typedLine(io: SecretInput, question: string): Promise<string> {
  const { input, prompt } = io;
  return new Promise((resolve, reject) => {
    let value = '';
    prompt.write(question);
    input.setRawMode?.(true);
    input.resume();
    const done = (err?: Error) => {
      input.removeListener('data', onData);
      input.setRawMode?.(false);
      input.pause();
      prompt.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (data: Buffer | string) => {
      for (const ch of [...data.toString('utf8')]) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003' || ch === '\u0004') return done(new SecretInputError('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    input.on('data', onData);
  });
}

/** A new password: asked twice at a terminal (typos cannot be seen), read once from a pipe. */
export async function readNewPassword(io: SecretInput, what = 'Password'): Promise<string> {
  if (!io.input.isTTY) return firstLine(io.input);
  const first = await typedLine(io, `${what}: `);
  const again = await typedLine(io, `${what} again: `);
  if (first !== again) throw new SecretInputError('The two passwords differ.');
  return first;
}
