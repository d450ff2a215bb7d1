// The bridge's main-process end: plain functions, no Electron (electron/main/ipc.ts plugs them into ipcMain).
export { createBridge, type Bridge, type BridgeOptions } from './bridge';
export { createMainBridge, type MainBridge, type MainBridgeOptions } from './app';
export { createSenderCheck, type SenderCheck } from './sender';
export type { BridgeServices } from './handlers';
