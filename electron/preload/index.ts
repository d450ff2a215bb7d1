import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannelOf, ipcEventChannel, isEventName, isInvokeChannel, unknownChannelFailure } from '../../shared/ipc/names';

/*
 * The renderer's only way to the main process: `window.fieldbook.invoke(channel, args)` and
 * `window.fieldbook.on(event, listener)`, for the channels and events of the contract and no
 * others. ipcRenderer and its event objects never reach the page (the event holds `sender`,
 * an ipcRenderer). Main validates everything again: this file is a filter, not the guard.
 * Imports names.ts only, so the sandboxed bundle stays free of the schemas.
 */

interface EventMessage {
  readonly name?: unknown;
  readonly payload?: unknown;
}

const api = {
  invoke(channel: unknown, args?: unknown): Promise<unknown> {
    if (!isInvokeChannel(channel)) return Promise.resolve({ ok: false, failure: unknownChannelFailure() });
    return ipcRenderer.invoke(ipcChannelOf(channel), args);
  },

  on(event: unknown, listener: unknown): () => void {
    if (!isEventName(event) || typeof listener !== 'function') throw new TypeError('fieldbook.on: not an event of the contract');
    const forward = (_event: IpcRendererEvent, message: EventMessage): void => {
      if (message?.name === event) (listener as (payload: unknown) => void)(message.payload);
    };
    ipcRenderer.on(ipcEventChannel, forward);
    return () => void ipcRenderer.removeListener(ipcEventChannel, forward);
  },
};

contextBridge.exposeInMainWorld('fieldbook', api);
