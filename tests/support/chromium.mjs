// Headless Debian Chromium through playwright-core, with the flags every browser test uses.
import { chromium } from 'playwright-core';

/**
 * Launch /usr/bin/chromium headless, quiet (no sandbox, GPU, QUIC or background traffic).
 * `backForwardCache`: keep Chromium's back/forward cache on (playwright turns it off); `args`:
 * more command-line switches (e.g. `--host-resolver-rules`).
 */
export function launchChromium({ backForwardCache = false, args = [] } = {}) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    ignoreDefaultArgs: backForwardCache ? ['--disable-back-forward-cache'] : [],
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', ...args],
  });
}
