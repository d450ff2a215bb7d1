import type { Page } from 'playwright-core';
import type { Bridge } from '../../electron/bridge';
import { eventNames, invokeChannels, unknownChannelFailure, type FieldbookWindowApi } from '../../shared/ipc';

/*
 * The bridge in real Chromium without Electron, for the e2e tests: `window.fieldbook` gets the
 * preload's exact shape (invoke/on, the contract's names only, payloads without IPC events),
 * calls reach the main-process bridge through a Playwright binding that reports the calling
 * frame's URL as the sender, and the bridge's events are delivered into the page.
 */

// The same declaration as renderer/src/app/bridge.ts (they must be identical): absent in a plain browser.
declare global {
  interface Window {
    fieldbook?: FieldbookWindowApi;
  }
}

export interface InstallOptions {
  /** Deliver events only while the page is at this origin (default: any page the bridge allows). */
  readonly origin?: string;
}

export interface InstalledBridge {
  /** Stops delivering events (the binding lives as long as the page). */
  dispose(): void;
}

const bindingName = '__fieldbookInvoke';
const emitterName = '__fieldbookEmit';

interface Contract {
  readonly channels: readonly string[];
  readonly events: readonly string[];
  readonly unknown: { kind: string; message: string };
  readonly bindingName: string;
  readonly emitterName: string;
}

/** Runs in the page before its own scripts; must be self-contained (Playwright serializes it). */
function definePreload(contract: Contract): void {
  // Electron runs the preload in the main frame only (nodeIntegrationInSubFrames is off).
  if (window !== window.top) return;
  const host = window as unknown as Record<string, unknown>;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api = Object.freeze({
    invoke(channel: unknown, args?: unknown): Promise<unknown> {
      if (typeof channel !== 'string' || !contract.channels.includes(channel)) return Promise.resolve({ ok: false, failure: contract.unknown });
      return (host[contract.bindingName] as (channel: string, args: unknown) => Promise<unknown>)(channel, args);
    },
    on(event: unknown, listener: unknown): () => void {
      if (typeof event !== 'string' || !contract.events.includes(event) || typeof listener !== 'function') {
        throw new TypeError('fieldbook.on: not an event of the contract');
      }
      const forward = (payload: unknown): void => void (listener as (payload: unknown) => void)(payload);
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(forward);
      return () => void set.delete(forward);
    },
  });
  const emit = (name: string, payload: unknown): void => {
    for (const listener of listeners.get(name) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        console.error(error);
      }
    }
  };
  Object.defineProperty(window, 'fieldbook', { value: api });
  Object.defineProperty(window, contract.emitterName, { value: emit });
}

export async function installBridge(page: Page, bridge: Bridge, options: InstallOptions = {}): Promise<InstalledBridge> {
  await page.exposeBinding(bindingName, (source, channel: unknown, args: unknown) => bridge.invoke(channel, args, { url: source.frame.url() }));
  const contract: Contract = { channels: [...invokeChannels], events: [...eventNames], unknown: unknownChannelFailure(), bindingName, emitterName };
  await page.addInitScript(definePreload, contract);
  const stop = bridge.onEvent((event) => {
    if (page.isClosed()) return;
    const url = page.url();
    if (!bridge.isAllowedSender(url) || (options.origin !== undefined && !url.startsWith(`${options.origin}/`))) return;
    // A page that navigated away meanwhile simply misses the event, as a reloading renderer would.
    page.evaluate(([emitter, name, payload]) => {
      (window as unknown as Record<string, ((name: string, payload: unknown) => void) | undefined>)[emitter]?.(name, payload);
    }, [emitterName, event.name, event.payload] as const).catch(() => undefined);
  });
  return { dispose: stop };
}

/** Chromium as the e2e tests launch it (Debian's, headless, quiet). */
export const chromiumExecutable = '/usr/bin/chromium';
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
