// A page rig for headless Chromium tests: a loopback collector, a site serving `pages` and
// /pkg/, and Chromium; plus a script bundled from another package directory (a tracker to run
// beside ours).
import { build } from 'esbuild';
import { launchChromium } from './chromium.mjs';
import { startCollector } from './collector.mjs';
import { startSite } from './site.mjs';

/** `source` bundled as one classic script, its imports resolved from the directory `dir`. */
export async function bundleScript(dir, source) {
  const out = await build({ stdin: { contents: source, resolveDir: dir }, bundle: true, format: 'iife', write: false, logLevel: 'error' });
  return out.outputFiles[0].text;
}

/** Start the collector, the site of `pages` and Chromium; `{ collector, site, browser, close }`. */
export async function startRig(pages) {
  const collector = await startCollector();
  const site = await startSite(pages);
  const browser = await launchChromium();
  const close = async () => {
    await browser.close();
    await site.close();
    await collector.close();
  };
  return { collector, site, browser, close };
}
