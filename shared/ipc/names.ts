/*
 * The names of the bridge's channels and events, and nothing else: the sandboxed preload imports
 * this file to refuse names outside the contract, and must not pull the schemas (and the whole
 * route table) into its bundle for that. contract.ts checks that it defines exactly these.
 */

export const invokeChannels = [
  'app.info',
  'profiles.list',
  'profiles.create',
  'profiles.update',
  'profiles.remove',
  'profiles.activate',
  'profiles.test',
  'credentials.status',
  'credentials.set',
  'credentials.clear',
  'credentials.allowUnprotected',
  'api.call',
  'connectivity.check',
  'journal.append',
  'journal.read',
  'journal.export',
  'journal.clear',
] as const;
export type InvokeChannel = (typeof invokeChannels)[number];

export const eventNames = ['connectivity.changed', 'auth.changed', 'profiles.changed'] as const;
export type EventName = (typeof eventNames)[number];

/** Electron IPC channel names carry a prefix, so no Electron or library channel can collide. */
export const ipcChannelOf = (channel: InvokeChannel): string => `fieldbook:${channel}`;
/** Every event travels on this one IPC channel as `{ name, payload }`. */
export const ipcEventChannel = 'fieldbook:event';

export const isInvokeChannel = (value: unknown): value is InvokeChannel =>
  typeof value === 'string' && (invokeChannels as readonly string[]).includes(value);

export const isEventName = (value: unknown): value is EventName =>
  typeof value === 'string' && (eventNames as readonly string[]).includes(value);

/** The failure for a channel outside the contract; the preload, the e2e harness and main say the same. */
export const unknownChannelFailure = (): { kind: 'invalid-request'; message: string } => ({
  kind: 'invalid-request',
  message: 'The app asked the main process for something it does not offer (unknown channel).',
});
