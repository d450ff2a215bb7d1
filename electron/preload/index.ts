import { contextBridge } from 'electron';

/*
 * The preload exposes one typed, validated bridge to the renderer. The bridge's channels are
 * defined in shared/ipc; until they exist it exposes only what the renderer needs to know
 * about its host.
 */
contextBridge.exposeInMainWorld('fieldbook', Object.freeze({ platform: process.platform }));
