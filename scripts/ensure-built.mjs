// Builds dist/ when it is missing or older than any source file, so `npm start` works on a fresh clone.
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execSync } from 'node:child_process';

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const marker = 'dist/src/main/cli/demo.js';
if (!existsSync(marker) || statSync(marker).mtimeMs < Math.max(newest('src'), newest('test'))) {
  // The build's output goes to stderr, so a command's stdout (e.g. `meshctl --json`) stays clean.
  execSync('npm run build', { stdio: ['ignore', 2, 2] });
}
