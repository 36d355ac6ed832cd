// Finds a Chromium-family browser for the test runner, installing Debian's `chromium`
// package when none is found and this process may do so (root on Debian/Ubuntu).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** The flags every launch uses: this machine has no network beyond the package registries. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const HOW_TO_FIX =
  'No Chromium browser was found: install Chromium or Google Chrome (on Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROME_PATH to its executable.';

/** @returns {string | undefined} */
function findExisting() {
  return CANDIDATES.find((path) => existsSync(path));
}

/** @returns {boolean} */
function canInstallWithApt() {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  try {
    execSync('command -v apt-get', { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The path of the browser to launch: CHROME_PATH, then the usual install locations, then
 * Debian's package installed here. Exits with one clear sentence when none can be had.
 * @returns {string}
 */
export function chromiumPath() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    console.error(`CHROME_PATH is set to ${fromEnv}, but no file is there: fix or unset it.`);
    process.exit(1);
  }
  const found = findExisting();
  if (found) return found;
  if (canInstallWithApt()) {
    console.log(
      'No Chromium found: installing Debian’s chromium package (apt-get install -y chromium)…',
    );
    try {
      execSync(
        'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
        {
          stdio: 'inherit',
        },
      );
    } catch {
      console.error('Installing chromium with apt-get failed.');
    }
    const installed = findExisting();
    if (installed) return installed;
  }
  console.error(HOW_TO_FIX);
  process.exit(1);
}
