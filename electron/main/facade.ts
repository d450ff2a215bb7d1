import type { BrowserWindowConstructorOptions, CustomScheme, MenuItemConstructorOptions, MessageBoxSyncOptions, Rectangle } from 'electron';

/*
 * The part of Electron the shell uses, and nothing more. Each concern of the shell is a function
 * that takes (a piece of) this facade, so tests drive it under Node with fakes; index.ts passes
 * the real modules. Only types come from 'electron' here: this file loads no Electron code.
 */

/** Electron events the shell cancels. */
export interface PreventableEvent {
  preventDefault(): void;
}

/** The event of will-navigate and will-redirect: its target is `url` (the second argument is deprecated). */
export interface NavigationEvent extends PreventableEvent {
  readonly url: string;
}

export interface WebContentsFacade {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  /** The page's beforeunload cancelled an unload (close, quit, reload); preventDefault lets it unload all the same. */
  on(event: 'will-prevent-unload', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { readonly url: string }) => { action: 'deny' }): void;
}

export interface WindowFacade {
  readonly webContents: WebContentsFacade;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'enter-full-screen' | 'leave-full-screen', listener: () => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  maximize(): void;
  isMinimized(): boolean;
  isMaximized(): boolean;
  isFullScreen(): boolean;
  isDestroyed(): boolean;
  /** The bounds the window returns to from maximized, minimized or full screen. */
  getNormalBounds(): Rectangle;
}

export type BrowserWindowFacade = new (options: BrowserWindowConstructorOptions) => WindowFacade;

export interface AppFacade {
  readonly isPackaged: boolean;
  /** Sandboxes every renderer, whatever its webPreferences say. Before ready only. */
  enableSandbox(): void;
  whenReady(): Promise<unknown>;
  requestSingleInstanceLock(): boolean;
  quit(): void;
  getPath(name: 'userData'): string;
  /** The OS locale (BCP 47, e.g. 'sv-SE'). After ready only. */
  getLocale(): string;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsFacade) => void): unknown;
  on(event: 'will-quit', listener: (event: PreventableEvent) => void): unknown;
}

/** What a protocol handler gets: the standard Request, of which the shell reads these. */
export interface ProtocolRequest {
  readonly url: string;
  readonly method: string;
}

export interface ProtocolFacade {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: ProtocolRequest) => Promise<Response>): void;
}

/** What Electron tells a permission handler about the frame that asks. */
export interface PermissionDetails {
  readonly requestingUrl?: string;
  readonly isMainFrame?: boolean;
}

export interface SessionFacade {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: PermissionDetails) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin: string, details: PermissionDetails) => boolean): void;
  setDevicePermissionHandler(handler: () => boolean): void;
}

export interface ShellFacade {
  openExternal(url: string): Promise<void>;
}

export interface MenuFacade {
  buildFromTemplate(template: MenuItemConstructorOptions[]): unknown;
  /** Takes what buildFromTemplate returned. */
  setApplicationMenu(menu: unknown): void;
}

export interface DialogFacade {
  /** A native message box, modal to `window`; returns the index of the button chosen. */
  showMessageBoxSync(window: WindowFacade, options: MessageBoxSyncOptions): number;
}

export interface ScreenFacade {
  getAllDisplays(): ReadonlyArray<{ readonly workArea: Rectangle }>;
  getPrimaryDisplay(): { readonly workArea: Rectangle };
}

/** The Electron modules the shell wires (ipcMain is the bridge's, in ipc.ts). */
export interface ElectronFacade {
  readonly app: AppFacade;
  readonly BrowserWindow: BrowserWindowFacade;
  readonly protocol: ProtocolFacade;
  readonly session: { readonly defaultSession: SessionFacade };
  readonly shell: ShellFacade;
  readonly Menu: MenuFacade;
  readonly screen: ScreenFacade;
  readonly dialog: DialogFacade;
}
