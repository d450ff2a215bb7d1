// The active profile's runtime in the main process: API client, connectivity, demo sandbox.
export { createSession, type Session, type SessionEvent, type SessionOptions } from './session';
export type { DemoOptions } from './demo';
export type { ClientTuning } from './profile-client';
