/** `cairn verify FILE|URL [--json]`: exit 0 valid, 1 not valid (any reason), 2 unusable input. */
import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { createSafeFetcher } from '../adapters/safe-fetch.js';
import { readCredentialLink, verifyCredentialInput } from '../app/verify-credential.js';
import type { Config } from '../config.js';
import {
  MAX_CREDENTIAL_INPUT_BYTES,
  parseCredentialInput,
  verifyCredential,
  type CredentialInput,
  type VerificationReport,
} from '../credentials/verify.js';
import { DomainError } from '../domain/errors.js';
import { openRuntime } from '../main.js';
import { UsageError } from './usage.js';

const EXIT_NOT_VALID = 1;

const VERDICT: Record<VerificationReport['result'], string> = {
  valid: 'VALID: signed by its issuer, unaltered, not revoked and within its validity period.',
  expired: 'EXPIRED: genuine and unaltered, but past its end date.',
  'not-yet-valid': 'NOT YET VALID: genuine, but its start date is in the future.',
  revoked: 'REVOKED: its issuer has withdrawn it.',
  suspended: 'SUSPENDED: its issuer has put it on hold.',
  invalid: 'INVALID: it cannot be trusted (see the failed checks).',
};
const MARK = { passed: '✔', failed: '✘', warning: '!', skipped: '–' } as const;

function describe(report: VerificationReport): string {
  const issuer = report.issuer.known
    ? `${report.issuer.known.name} (known to Cairn)`
    : (report.issuer.name ?? report.issuer.id ?? 'unknown');
  return [
    VERDICT[report.result],
    `Issuer: ${issuer}${report.issuer.id && report.issuer.known ? `, ${report.issuer.id}` : ''}`,
    `Form: ${report.format === 'jwt' ? 'VC-JWT' : 'Data Integrity'} (read from ${report.source})`,
    ...report.checks.map((c) => `  ${MARK[c.status]} ${c.title}: ${c.message}`),
    '',
  ].join('\n');
}

async function readInput(target: string): Promise<CredentialInput | { url: string }> {
  if (/^https?:\/\//i.test(target)) return { url: target };
  let size: number;
  try {
    size = (await stat(target)).size;
  } catch {
    throw new UsageError(`Cannot read ${target}: no such file.`);
  }
  if (size > MAX_CREDENTIAL_INPUT_BYTES)
    throw new UsageError(`${target} is larger than 10 MB; no credential is that big.`);
  return { bytes: new Uint8Array(await readFile(target)), filename: target };
}

/**
 * Verifies with the database when it can be opened (Cairn's own issuers are then recognised), and
 * without it while a running server holds the embedded database: the checks are the same, only the
 * "known to Cairn" line is missing. The operator may fetch from this server's own host.
 */
async function verify(config: Config, target: string): Promise<VerificationReport> {
  const input = await readInput(target);
  try {
    const runtime = await openRuntime(config, 'cairn verify', { migrate: false });
    try {
      const credential = 'url' in input ? await readCredentialLink(runtime.deps, input.url) : input;
      return await verifyCredentialInput(runtime.deps, credential);
    } finally {
      await runtime.close();
    }
  } catch (err) {
    // The embedded database is held by a running server (DataDirInUse).
    if (!(err instanceof DomainError && err.slug === 'data-dir-in-use')) throw err;
  }
  const fetchJson = createSafeFetcher({ allowPrivateHosts: [new URL(config.publicUrl).hostname] });
  const credential: CredentialInput =
    'url' in input ? { text: JSON.stringify(await fetchJson(input.url)) } : input;
  return verifyCredential(parseCredentialInput(credential), { now: new Date(), fetchJson });
}

export function registerVerifyCommand(program: Command, config: () => Config) {
  program
    .command('verify <fileOrUrl>')
    .description(
      'Verify an Open Badges 3.0 credential from anyone: a .json file, a .jwt, a baked .png/.svg badge, or a link. ' +
        'Exit 0 valid, 1 not valid (invalid, revoked, suspended, expired), 2 unusable input.',
    )
    .option('--json', 'print the full report as JSON')
    .action(async (target: string, opts: { json?: boolean }) => {
      let report: VerificationReport;
      try {
        report = await verify(config(), target);
      } catch (err) {
        // Nothing readable as a credential: that is the input's fault, not a verdict.
        if (err instanceof DomainError && err.kind === 'invalid') throw new UsageError(err.message);
        throw err;
      }
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : describe(report));
      if (report.result !== 'valid') process.exitCode = EXIT_NOT_VALID;
    });
}
