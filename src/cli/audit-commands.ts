/** `cairn audit …`: checking and exporting the hash-chained assessment audit log. */
import { open } from 'node:fs/promises';
import type { Command } from 'commander';
import { auditEntryJson, exportAuditLog, verifyAuditLog } from '../app/audit-trail.js';
import type { Deps } from '../app/ports.js';
import { NotFound } from '../domain/errors.js';
import type { Runtime } from '../main.js';
import { progressBar } from './progress.js';

/** Exit 1: the chain does not check out. */
const EXIT_BROKEN = 1;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function organisationIdFor(deps: Deps, ref: string): Promise<string> {
  const org = UUID.test(ref)
    ? await deps.store.organisations.findById(ref)
    : await deps.store.organisations.findBySlug(ref.trim().toLowerCase());
  if (!org) throw new NotFound('organisation', ref);
  return org.id;
}

/** Lines are gathered into chunks this long before they are written. */
const CHUNK = 256 * 1024;

/** Writes text to a file or to stdout, waiting when stdout's reader is slower than we are. */
async function output(path: string | undefined) {
  if (path !== undefined) {
    const file = await open(path, 'w');
    return {
      write: async (text: string) => {
        await file.write(text);
      },
      close: () => file.close(),
    };
  }
  return {
    write: (text: string) =>
      new Promise<void>((resolve, reject) => {
        process.stdout.write(text, (err) => {
          if (err) reject(err);
          else resolve();
        });
      }),
    close: () => Promise.resolve(),
  };
}

export function registerAuditCommands(
  program: Command,
  withRuntime: <T>(holder: string, fn: (runtime: Runtime) => Promise<T>) => Promise<T>,
) {
  const audit = program
    .command('audit')
    .description('The hash-chained audit log of enrolments, assessment decisions and credentials.');

  audit
    .command('verify')
    .description(
      "Recompute every entry's hash and its link to the one before; exit 1 naming the first entry that was " +
        'edited, removed or inserted.',
    )
    .option('--json', 'print the result as JSON ({ ok, checked, total, firstBroken })')
    .action(async (opts: { json?: boolean }) => {
      await withRuntime('cairn audit verify', async ({ deps }) => {
        const bar = progressBar('Checking the audit log');
        let result;
        try {
          result = await verifyAuditLog(deps, (checked, total) => {
            bar.update(checked, total, 'entries');
          });
        } finally {
          bar.stop();
        }
        if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else if (result.firstBroken === null) {
          process.stdout.write(`Audit log intact: ${String(result.checked)} entries checked.\n`);
        } else {
          process.stdout.write(
            `Audit log broken at entry ${String(result.firstBroken.seq)}: ${result.firstBroken.message}\n`,
          );
        }
        if (!result.ok) process.exitCode = EXIT_BROKEN;
      });
    });

  audit
    .command('export')
    .description('Write the audit log as NDJSON, oldest first, one entry a line (to stdout without --out).')
    .option('--out <file>', 'where to write it')
    .option('--org <id-or-slug>', "only this organisation's entries")
    .action(async (opts: { out?: string; org?: string }) => {
      await withRuntime('cairn audit export', async ({ deps }) => {
        const organisationId = opts.org === undefined ? undefined : await organisationIdFor(deps, opts.org);
        const entries = await exportAuditLog(deps, undefined, organisationId);
        const out = await output(opts.out);
        let count = 0;
        try {
          let chunk = '';
          for await (const entry of entries) {
            chunk += `${JSON.stringify(auditEntryJson(entry))}\n`;
            count += 1;
            if (chunk.length >= CHUNK) {
              await out.write(chunk);
              chunk = '';
            }
          }
          if (chunk !== '') await out.write(chunk);
        } finally {
          await out.close();
        }
        if (opts.out !== undefined) {
          process.stdout.write(`Wrote ${String(count)} audit log entries to ${opts.out}.\n`);
        }
      });
    });
}
