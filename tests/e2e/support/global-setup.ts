import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** What the server serves at /, /widget/ and /console/: without them every test would fail for a dull reason. */
const BUILT_FILES = [
  'dist/console/index.html',
  'dist/widget/loader.js',
  'dist/widget/frame.html',
  'dist/widget/demo.html',
];

/** Fails the run at once, with the fix, when the build or the browser is missing. */
export default function checkPrerequisites(): void {
  const missing = BUILT_FILES.filter((file) => !existsSync(`${repoRoot}${file}`));
  if (missing.length > 0) {
    throw new Error(
      `The end-to-end tests drive the built console and widget, but ${missing.join(', ')} ` +
        `${missing.length === 1 ? 'is' : 'are'} missing. Run \`npm run build\` first (npm test does it for you).`,
    );
  }
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    throw new Error(
      `No Chromium at ${chromium}. Install Debian's (apt-get install chromium) or set CHROMIUM_PATH to another build.`,
    );
  }
}
