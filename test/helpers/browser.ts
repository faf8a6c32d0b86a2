import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`; `.ci/run` installs it when missing). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** True where the browser tests run: Chromium is installed, or CI requires them (and then fails without it). */
export const HAVE_CHROMIUM = existsSync(CHROMIUM) || process.env.YISHI_REQUIRE_BROWSER === '1';

/** Where the tests keep screenshots for people to look at (not compared by any test). */
export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');

/**
 * Headless Chromium driven by playwright-core. The flags keep it off the network beyond localhost:
 * on a closed network its background connections are refused by the dozen.
 */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
