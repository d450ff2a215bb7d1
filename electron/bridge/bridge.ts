import * as v from 'valibot';
import {
  bridgeResultSchema, checkPayload, eventContract, fail, invokeContract, isInvokeChannel, ok, payloadProblem,
  unknownChannelFailure, type BridgeEvent, type BridgeResult, type InvokeChannel, type PayloadLimits,
} from '../../shared/ipc';
import { fieldErrors, summarizeErrors } from '../../shared/api';
import { failureOfError, invalidRequest, relativeTo, withoutValue } from './failures';
import { createHandlers, type BridgeServices, type Handlers } from './handlers';
import { createSenderCheck } from './sender';

/*
 * The main process's end of the bridge, with no Electron in it: electron/main/ipc.ts feeds it
 * from ipcMain, the e2e harness from Playwright, tests call it directly. Every call passes the
 * same gates in the same order (sender, channel, payload, handler, result), and every outcome
 * is a BridgeResult: nothing the renderer sends can make it throw.
 */

export interface BridgeOptions extends BridgeServices {
  /** Origins (`app://fieldbook`, the dev server's) or exact `file://` page URLs allowed to call. */
  readonly allowedOrigins: readonly string[];
  /** Main's log; gets internal errors' details, never arguments or results. */
  readonly log?: (line: string) => void;
  /** Checks every result and event against the contract (tests, development): a mismatch becomes 'internal'. */
  readonly checkResults?: boolean;
  readonly limits?: PayloadLimits;
}

export interface Bridge {
  invoke(channel: unknown, args: unknown, sender: unknown): Promise<BridgeResult<unknown>>;
  onEvent(listener: (event: BridgeEvent) => void): () => void;
  /** For forwarding events: only to a window that shows one of the app's pages. */
  isAllowedSender(url: unknown): boolean;
}

// Results are checked only for being plain data: a page of 100 customers is far above the request limits.
const resultLimits: PayloadLimits = { maxDepth: 64, maxNodes: 5_000_000, maxChars: 500_000_000, maxKeyLength: 10_000 };

export function createBridge(options: BridgeOptions): Bridge {
  const log = options.log ?? (() => undefined);
  const allowed = createSenderCheck(options.allowedOrigins);
  const listeners = new Set<(event: BridgeEvent) => void>();

  function emit(event: BridgeEvent): void {
    if (options.checkResults) {
      const checked = v.safeParse(eventContract[event.name], event.payload);
      if (!checked.success) {
        log(`bridge: dropped a ${event.name} event outside the contract: ${summarizeErrors(fieldErrors(checked.issues))}`);
        return;
      }
    }
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        log(`bridge: an event listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  const handlers: Handlers = createHandlers(options, emit, log);
  options.session.onEvent(emit);

  function checked(channel: InvokeChannel, result: BridgeResult<unknown>): BridgeResult<unknown> {
    if (!options.checkResults) return result;
    const plain = payloadProblem(result, resultLimits);
    const shape = v.safeParse(bridgeResultSchema(invokeContract[channel].result), result);
    if (!plain && shape.success) return result;
    const why = plain ? `${plain.path}: ${plain.message}` : summarizeErrors(fieldErrors(shape.success ? [] : shape.issues));
    log(`bridge: ${channel} produced a result outside the contract: ${why}`);
    return fail({ kind: 'internal', message: 'Fieldbook produced an answer it does not understand. The details are in the log.' });
  }

  async function invoke(channel: unknown, args: unknown, sender: unknown): Promise<BridgeResult<unknown>> {
    try {
      return await gate(channel, args, sender);
    } catch (error) {
      // Only an in-process caller (a test) can pass values exotic enough to get here, e.g. a throwing Proxy.
      return fail(failureOfError(error, isInvokeChannel(channel) ? channel : 'an unknown channel', log));
    }
  }

  async function gate(channel: unknown, args: unknown, sender: unknown): Promise<BridgeResult<unknown>> {
    const name = isInvokeChannel(channel) ? channel : 'an unknown channel';
    if (!allowed(urlOf(sender))) {
      log(`bridge: refused ${name} from a frame that is not one of the app's pages`);
      return fail({ kind: 'forbidden-sender', message: 'Only Fieldbook\'s own pages may use this; nothing was done.' });
    }
    if (!isInvokeChannel(channel)) return fail(unknownChannelFailure());
    const definition: { args: v.GenericSchema; form?: string } = invokeContract[channel];
    const request = checkPayload(definition.args, args, options.limits);
    if (!request.ok) {
      const failure = invalidRequest(relativeTo(definition.form, request.errors));
      // The one channel that carries a secret: a refusal must not repeat it, even as a key.
      return channel === 'credentials.set' ? fail(withoutValue(failure, secretOf(args))) : fail(failure);
    }
    try {
      const run = handlers[channel] as (value: unknown) => Promise<unknown>;
      return checked(channel, ok(await run(request.value)));
    } catch (error) {
      const failure = failureOfError(error, channel, log);
      if (failure.kind !== 'internal') log(`bridge: ${channel}: ${failure.kind}`);
      return checked(channel, fail(channel === 'credentials.set' ? withoutValue(failure, secretOf(args)) : failure));
    }
  }

  return {
    invoke,
    onEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    isAllowedSender: (url) => allowed(url),
  };
}

function urlOf(sender: unknown): unknown {
  try {
    return typeof sender === 'object' && sender !== null ? (sender as { url?: unknown }).url : undefined;
  } catch {
    return undefined;
  }
}

function secretOf(args: unknown): unknown {
  try {
    return typeof args === 'object' && args !== null ? (args as { value?: unknown }).value : undefined;
  } catch {
    return undefined;
  }
}
