// Debian's Chromium driven by playwright-core, headless, for tests of the HTML report. Nothing is
// downloaded: the browser is the system's (`apt-get install chromium`), with a fresh profile and
// everything that would reach the network turned off.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** A browser context on a new, empty profile (`--user-data-dir`, which Playwright takes as the persistent context's folder). */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: the HTML report's tests need Debian's \`chromium\` package (apt-get install chromium)`);
  const profile = await mkdtemp(join(tmpdir(), 'doc-harness-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
