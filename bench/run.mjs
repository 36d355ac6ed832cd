// `npm run bench`: runs every bench/*.bench.mjs in turn (each prints its own table).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv[2];
const suites = readdirSync(new URL('.', import.meta.url))
  .filter((file) => file.endsWith('.bench.mjs') && (!only || file.includes(only)))
  .sort();
if (suites.length === 0) {
  console.error('No benchmark suites found in bench/.');
  process.exit(1);
}
let failed = false;
for (const suite of suites) {
  console.log(`\n### ${suite}\n`);
  const result = spawnSync(process.execPath, [`bench/${suite}`], { stdio: 'inherit' });
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
