/** `cairn credential …` and `cairn keys …`: issuing and status changes by the operator. */
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { searchCatalogue } from '../app/catalogue.js';
import { credentialFile, type CredentialFormat } from '../app/credential-queries.js';
import { changeCredentialStatus } from '../app/credential-status.js';
import { issueCredential } from '../app/issue-credential.js';
import { listIssuerKeys, rotateIssuerKeys } from '../app/issuer-keys.js';
import { publicUrls } from '../app/public-urls.js';
import type { Deps } from '../app/ports.js';
import type { StatusAction } from '../domain/credentials.js';
import { InvalidInput, NotFound } from '../domain/errors.js';
import type { Runtime } from '../main.js';
import { UsageError } from './usage.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What `--out` gets, by its extension: the container; `--format` decides the proof inside. */
function outputFor(
  out: string,
  format: string | undefined,
): { file: CredentialFormat; proof: 'ldp' | 'jwt' } {
  const ext = extname(out).toLowerCase();
  if (format !== undefined && format !== 'ldp' && format !== 'jwt') {
    throw new UsageError(`--format is ldp or jwt (got "${format}").`);
  }
  switch (ext) {
    case '.json':
      if (format === 'jwt')
        throw new UsageError('A VC-JWT is written to a .jwt file (or baked into .png/.svg).');
      return { file: 'json', proof: 'ldp' };
    case '.jwt':
      if (format === 'ldp') throw new UsageError('A Data Integrity credential is written to a .json file.');
      return { file: 'jwt', proof: 'jwt' };
    case '.png':
    case '.svg':
      return { file: ext === '.png' ? 'png' : 'svg', proof: format === 'jwt' ? 'jwt' : 'ldp' };
    default:
      throw new UsageError(`--out must end in .json, .jwt, .png or .svg (got "${out}").`);
  }
}

/** A micro-credential by id, version id, or code (e.g. IAM-101) among published ones. */
async function achievementIdFor(deps: Deps, ref: string): Promise<string> {
  if (UUID.test(ref)) return ref;
  const { items } = await searchCatalogue(deps, { q: ref, sort: 'relevance', limit: 100, offset: 0 });
  const match = items.find((i) => i.code.toLowerCase() === ref.trim().toLowerCase());
  if (!match) throw new InvalidInput('achievement', `No published micro-credential has the code ${ref}.`);
  return match.achievementId;
}

async function organisationIdFor(deps: Deps, ref: string): Promise<string> {
  const org = UUID.test(ref)
    ? await deps.store.organisations.findById(ref)
    : await deps.store.organisations.findBySlug(ref.trim().toLowerCase());
  if (!org) throw new NotFound('organisation', ref);
  return org.id;
}

export function registerCredentialCommands(
  program: Command,
  withRuntime: <T>(holder: string, fn: (runtime: Runtime) => Promise<T>) => Promise<T>,
) {
  const credential = program
    .command('credential')
    .description('Issue and manage Open Badges 3.0 credentials.');

  credential
    .command('issue')
    .description(
      'Issue a credential for a published micro-credential and write it to a file: .json (Data Integrity), ' +
        '.jwt (VC-JWT), or a baked .png/.svg badge. Issuing the same award again writes the same credential.',
    )
    .requiredOption('--achievement <id>', 'micro-credential id, published version id, or code (e.g. IAM-101)')
    .requiredOption('--recipient <email>', "the learner's email (stored hashed and salted in the credential)")
    .requiredOption('--out <file>', 'where to write it; the extension picks the form')
    .option('--format <format>', 'ldp (Data Integrity, default) or jwt; for .png/.svg, what is baked in')
    .option('--name <name>', "the learner's name, shown on the credential's page")
    .option('--award-id <id>', 'names the award, so a second award to the same person is possible')
    .action(
      async (opts: {
        achievement: string;
        recipient: string;
        out: string;
        format?: string;
        name?: string;
        awardId?: string;
      }) => {
        const output = outputFor(opts.out, opts.format);
        await withRuntime('cairn credential issue', async ({ deps }) => {
          const achievementId = await achievementIdFor(deps, opts.achievement);
          const { credential: issued, created } = await issueCredential(deps, undefined, {
            achievementId,
            recipientEmail: opts.recipient,
            ...(opts.name ? { recipientName: opts.name } : {}),
            ...(opts.awardId ? { awardId: opts.awardId } : {}),
          });
          const file = await credentialFile(deps, issued, output.file, output.proof);
          await writeFile(opts.out, file.bytes);
          const urls = publicUrls(deps.config.publicUrl);
          process.stdout.write(
            `${created ? 'Issued' : 'Already issued'} credential ${issued.id}: "${issued.title}" ` +
              `by ${issued.organisation.name} to ${issued.recipientEmail}.\n` +
              `Wrote ${opts.out} (${file.bytes.length} bytes).\n` +
              `Public page: ${urls.credentialPage(issued.id)}\n` +
              `Revocation list: ${urls.statusList(issued.statusListId, 'revocation')} (index ${issued.statusIndex})\n`,
          );
        });
      },
    );

  const statusCommand = (action: StatusAction, description: string) =>
    credential
      .command(`${action} <credentialId>`)
      .description(description)
      .requiredOption('--reason <text>', 'why (kept with the change and shown to the holder)')
      .action(async (credentialId: string, opts: { reason: string }) => {
        if (!UUID.test(credentialId))
          throw new UsageError(`"${credentialId}" is not a credential id (a UUID).`);
        await withRuntime(`cairn credential ${action}`, async ({ deps }) => {
          const after = await changeCredentialStatus(deps, undefined, credentialId, action, opts.reason);
          const list = publicUrls(deps.config.publicUrl).statusList(
            after.statusListId,
            action === 'revoke' ? 'revocation' : 'suspension',
          );
          const done = { revoke: 'Revoked', suspend: 'Suspended', reinstate: 'Reinstated' }[action];
          process.stdout.write(`${done} credential ${after.id} ("${after.title}"). Published: ${list}\n`);
        });
      });
  statusCommand('revoke', 'Revoke a credential for good; its status list is republished at once.');
  statusCommand('suspend', 'Suspend a credential until it is reinstated.');
  statusCommand('reinstate', 'Lift the suspension of a credential.');

  const keys = program.command('keys').description("Issuing organisations' signing keys.");
  keys
    .command('rotate')
    .description(
      'New keys sign from now on; retired keys stay published, so what they signed still verifies.',
    )
    .requiredOption('--org <id-or-slug>', 'the issuing organisation')
    .action(async (opts: { org: string }) => {
      await withRuntime('cairn keys rotate', async ({ deps }) => {
        const organisationId = await organisationIdFor(deps, opts.org);
        const all = await rotateIssuerKeys(deps, undefined, organisationId);
        const active = all.filter((k) => k.retiredAt === null);
        process.stdout.write(
          `Rotated the keys of ${opts.org}. Signing from now on:\n` +
            active.map((k) => `  ${k.algorithm.padEnd(7)} ${k.verificationMethod}\n`).join('') +
            `${all.length - active.length} retired key(s) still verify what they signed.\n`,
        );
      });
    });
  keys
    .command('list')
    .description("An organisation's keys, current and retired (public halves only).")
    .requiredOption('--org <id-or-slug>', 'the issuing organisation')
    .action(async (opts: { org: string }) => {
      await withRuntime('cairn keys list', async ({ deps }) => {
        const all = await listIssuerKeys(deps, await organisationIdFor(deps, opts.org));
        if (all.length === 0)
          process.stdout.write('No keys yet: they are made when the organisation first issues.\n');
        for (const k of all) {
          process.stdout.write(
            `${k.retiredAt ? 'retired' : 'active '} ${k.algorithm.padEnd(7)} ${k.createdAt.toISOString()} ${k.verificationMethod}\n`,
          );
        }
      });
    });
}
