import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The house rule is only worth something if the lint step fails when someone breaks it.
// These lint snippets as if they were files in each layer, with the project's real config.
const eslint = new ESLint({ overrideConfigFile: 'test/lint/eslint.config.ts' });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith('no-restricted')).map((m) => m.message);
}

describe('layer boundaries', () => {
  it.each([
    ['renderer/src/x.ts', "import { routes } from '../../electron/sandbox/server';\nexport { routes };"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport { ipcRenderer };"],
    ['renderer/src/x.ts', "import { readFile } from 'node:fs/promises';\nexport { readFile };"],
    ['renderer/src/x.svelte', "<script lang=\"ts\">\n  import { app } from '../../electron/main/index';\n  console.log(app);\n</script>\n"],
    ['electron/sandbox/x.ts', "import Dexie from 'dexie';\nexport { Dexie };"],
    ['electron/sandbox/x.ts', "import { db } from '../../renderer/src/cache/db';\nexport { db };"],
    ['electron/sandbox/x.ts', "import { app } from 'electron';\nexport { app };"],
    ['shared/api/x.ts', "import { readFileSync } from 'fs';\nexport { readFileSync };"],
    ['shared/api/x.ts', "import type { Db } from '../../renderer/src/cache/db';\nexport type { Db };"],
    ['shared/api/x.ts', "import { startSandbox } from '../../electron/sandbox';\nexport { startSandbox };"],
    ['shared/api/x.ts', 'export const here = window.location.href;'],
    ['shared/api/x.ts', 'export const env = process.env;'],
  ])('rejects a forbidden import or global in %s', async (file, code) => {
    expect(await problems(file, code)).not.toEqual([]);
  });

  it.each([
    ['renderer/src/x.ts', "export const url = base + '/v1/customers';"],
    ['test/sandbox/x.test.ts', "export const url = `${base}/v1/Customers/${guid}/ledgersummary`;"],
    ['electron/services/x.ts', "export const token = `${base}/login/oauth/access_token`;"],
  ])('rejects an API path typed outside the route table in %s', async (file, code) => {
    expect(await problems(file, code)).not.toEqual([]);
  });

  it.each([
    ['renderer/src/x.ts', "import { routes } from '../../shared/api';\nexport { routes };"],
    ['electron/sandbox/x.ts', "import { routes } from '../../shared/api';\nimport { createServer } from 'node:http';\nexport { routes, createServer };"],
    ['electron/main/x.ts', "import { app } from 'electron';\nexport { app };"],
    ['shared/api/x.ts', "import * as v from 'valibot';\nexport { v };"],
  ])('allows the permitted direction in %s', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
