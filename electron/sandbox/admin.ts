import type { IncomingMessage, ServerResponse } from 'node:http';
import { sandboxAdminRoutes, summarizeErrors, validate } from '../../shared/api';
import { faultSettingsPatch, type FaultSettings, type FaultSettingsPatch } from './faults';
import { parseJsonBody, sendEmpty, sendJson, sendProblem } from './http';
import { invalid, Problem } from './problem';
import type { SandboxStats } from './stats';

/*
 * The sandbox's own endpoints (shared/api/routes.ts, sandboxAdminRoutes), outside the base
 * path and without a credential: the server listens on loopback only, and tests and the
 * Demo profile's settings page drive faults through them. Faults never apply here.
 */

export interface AdminHooks {
  getFaults(): FaultSettings;
  setFaults(patch: FaultSettingsPatch): FaultSettings;
  /** Back to the seeded data, default faults and zeroed stats; issued tokens stay valid. */
  reset(): void;
  stats(): SandboxStats;
}

type AdminOperation = keyof typeof sandboxAdminRoutes;

export function handleAdmin(hooks: AdminHooks, req: IncomingMessage, res: ServerResponse, path: string, raw: Buffer): void {
  const method = (req.method ?? 'GET').toUpperCase();
  const atPath = (Object.keys(sandboxAdminRoutes) as AdminOperation[]).filter((op) => sandboxAdminRoutes[op].path === path);
  const operation = atPath.find((op) => sandboxAdminRoutes[op].method === method);
  try {
    if (!operation) {
      if (atPath.length === 0) throw new Problem(404, `No sandbox admin endpoint at ${path}`);
      const allow = atPath.map((op) => sandboxAdminRoutes[op].method).join(', ');
      throw new Problem(405, `${method} is not allowed here`, {}, { allow });
    }
    switch (operation) {
      case 'getFaults':
        return sendJson(res, 200, hooks.getFaults());
      case 'setFaults': {
        const checked = validate(faultSettingsPatch, parseJsonBody(req, raw) ?? {});
        if (!checked.ok) throw invalid(checked.errors, `The fault settings are not valid: ${summarizeErrors(checked.errors)}`);
        return sendJson(res, 200, hooks.setFaults(checked.value));
      }
      case 'reset':
        hooks.reset();
        return sendEmpty(res, 204);
      case 'stats':
        return sendJson(res, 200, hooks.stats());
    }
  } catch (error) {
    if (error instanceof Problem) return sendProblem(res, error, path);
    throw error;
  }
}
