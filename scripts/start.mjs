// npm start: build when the sources are newer than the last build, then serve on port 3000.
// --build-only stops after the build (the test command uses it).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const next = join('node_modules', '.bin', process.platform === 'win32' ? 'next.cmd' : 'next');

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, f) => Math.max(m, newest(join(path, f))), s.mtimeMs);
}

const sources = ['app', 'components', 'hooks', 'lib', 'workers', 'public', 'next.config.js', 'package.json', 'postcss.config.mjs'];
const built = join('.next', 'BUILD_ID');
if (!existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs) {
  const r = spawnSync(next, ['build'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (!process.argv.includes('--build-only')) {
  const port = process.env.PORT ?? '3000';
  console.log(`Task Vector Lab on http://localhost:${port}`);
  const r = spawnSync(next, ['start', '-p', port], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(r.status ?? 0);
}
