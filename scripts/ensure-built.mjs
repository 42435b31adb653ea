// Builds dist/ when it is missing or older than any source file, so `npm start`, `npm run meshd`
// and `npm run meshctl` work on a fresh clone. With an argument (demo, meshd, meshctl) it then runs
// that command in this same process, so the signals npm forwards (SIGTERM, SIGINT) reach it: a
// shell running `build && node cmd` would not pass them on.
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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
const COMMANDS = { demo: 'demo.js', meshd: 'meshd.js', meshctl: 'meshctl.js' };
const cmd = process.argv[2];
if (cmd !== undefined) {
  if (!(cmd in COMMANDS)) {
    process.stderr.write(`ensure-built: unknown command ${cmd} (one of ${Object.keys(COMMANDS).join(', ')})\n`);
    process.exit(2);
  }
  // The command sees its own arguments as if started directly: argv[1] is its file.
  const file = resolve('dist/src/main/cli', COMMANDS[cmd]);
  process.argv.splice(1, 2, file);
  await import(pathToFileURL(file).href);
}
