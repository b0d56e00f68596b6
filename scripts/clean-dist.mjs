// Removes dist/ before a build, so the package never ships files of removed sources.
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
