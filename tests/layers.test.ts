import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Which top-level folders each layer may import from: lib/ is shared with the browser and stands alone,
 * db/ builds on lib/, server/ on both; app/ may use all three (types only from server/, by convention).
 */
const ALLOWED: Record<string, readonly string[]> = {
  lib: ['lib'],
  db: ['lib', 'db'],
  server: ['lib', 'db', 'server'],
};

interface SourceFile {
  file: string;
  text: string;
}

/** Every import (static, dynamic, re-export, type-only) of the given files that reaches a layer above its own. */
export function layerViolations(files: SourceFile[]): string[] {
  const found: string[] = [];
  for (const { file, text } of files) {
    const layer = topFolder(file);
    const allowed = ALLOWED[layer];
    if (!allowed) continue;
    for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
      const target = resolve(file, specifier);
      if (target === null) continue;
      const targetLayer = topFolder(target);
      if (!allowed.includes(targetLayer)) found.push(`${file} imports '${specifier}' (${targetLayer}/)`);
    }
  }
  return found;
}

/** The file's path relative to the repository, or null for a package. */
function resolve(file: string, specifier: string): string | null {
  if (specifier.startsWith('@/')) return specifier.slice(2);
  if (specifier.startsWith('.')) return path.relative(root, path.resolve(root, path.dirname(file), specifier));
  return null;
}

const topFolder = (file: string) => file.split(/[\\/]/)[0]!;

function sourcesUnder(folder: string): SourceFile[] {
  return readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|js|mjs)$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.startsWith(`db${path.sep}boundaries${path.sep}out`))
    .map((file) => ({ file, text: readFileSync(path.join(root, file), 'utf8') }));
}

describe('layers', () => {
  it('no lower layer imports an upper one: lib/ nothing, db/ nothing from server/ or app/, server/ nothing from app/', () => {
    const files = ['lib', 'db', 'server'].flatMap(sourcesUnder);
    expect(files.length).toBeGreaterThan(100);
    expect(layerViolations(files)).toEqual([]);
  });

  it('finds an upward import however it is written', () => {
    const planted: SourceFile[] = [
      { file: 'db/reference.ts', text: "import { hashPassword } from '../server/auth/passwords';" },
      { file: 'db/boundaries/build.ts', text: "export { x } from '@/server/env';" },
      { file: 'lib/phone.ts', text: "import type { Database } from '../db/client';" },
      { file: 'lib/geo.ts', text: "const page = await import('../app/page');" },
      { file: 'server/push/notify.ts', text: "import field from '../../app/_i18n/messages.ts';" },
      { file: 'server/app.ts', text: "import { openDatabase } from '../db/client'; import z from 'zod';" },
    ];
    expect(layerViolations(planted)).toEqual([
      "db/reference.ts imports '../server/auth/passwords' (server/)",
      "db/boundaries/build.ts imports '@/server/env' (server/)",
      "lib/phone.ts imports '../db/client' (db/)",
      "lib/geo.ts imports '../app/page' (app/)",
      "server/push/notify.ts imports '../../app/_i18n/messages.ts' (app/)",
    ]);
  });
});
