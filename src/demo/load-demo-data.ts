import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoData } from '../app/seed-demo.js';

/** The demo data set kept with the code (see README, "Demo data"). */
export function loadDemoData(): DemoData {
  return JSON.parse(readFileSync(join(import.meta.dirname, 'demo-data.json'), 'utf8')) as DemoData;
}
