import type { BrowserWindowConstructorOptions, CustomScheme, MenuItemConstructorOptions, MessageBoxSyncOptions, Rectangle } from 'electron';
import type {
  AppFacade, DialogFacade, ElectronFacade, MenuFacade, NavigationEvent, PermissionDetails, PreventableEvent, ProtocolFacade, ProtocolRequest, ScreenFacade,
  SessionFacade, ShellFacade, WebContentsFacade, WindowFacade,
} from '../../electron/main/facade';

/*
 * A fake of the Electron modules the shell uses: it records what the shell asked for and lets a
 * test fire the events Electron would. Only types come from 'electron'.
 */

type Listener = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }
}

export class FakeEvent implements PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeNavigationEvent extends FakeEvent implements NavigationEvent {
  constructor(readonly url: string) {
    super();
  }
}

export class FakeWebContents extends Emitter implements WebContentsFacade {
  windowOpenHandler: ((details: { readonly url: string }) => { action: 'deny' }) | undefined;
  setWindowOpenHandler(handler: (details: { readonly url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  /** Fires will-navigate like Electron and says whether the navigation was cancelled. */
  navigate(url: string, event = 'will-navigate'): boolean {
    const navigation = new FakeNavigationEvent(url);
    this.emit(event, navigation, url);
    return navigation.defaultPrevented;
  }
  /** Fires will-prevent-unload like Electron (the page's beforeunload cancelled an unload); true when the unload goes ahead. */
  preventUnload(): boolean {
    const event = new FakeEvent();
    this.emit('will-prevent-unload', event);
    return event.defaultPrevented;
  }
}

export class FakeWindow extends Emitter implements WindowFacade {
  static created: FakeWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  shown = false;
  focused = false;
  minimized = false;
  maximized = false;
  fullScreen = false;
  destroyed = false;
  bounds: Rectangle;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    FakeWindow.created.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isFullScreen(): boolean {
    return this.fullScreen;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): Rectangle {
    return { ...this.bounds };
  }
}

export class FakeApp extends Emitter implements AppFacade {
  /** What happened, in order: lets a test check that something ran before the app was ready. */
  readonly calls: string[] = [];
  quitCount = 0;
  sandboxed = false;
  ready = false;
  private resolveReady: (() => void) | undefined;
  private readonly readyPromise = new Promise<void>((resolve) => {
    this.resolveReady = resolve;
  });
  constructor(readonly isPackaged: boolean, readonly userData: string, private readonly lock = true) {
    super();
  }
  enableSandbox(): void {
    this.calls.push(this.ready ? 'enableSandbox after ready' : 'enableSandbox');
    this.sandboxed = true;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  /** Electron's 'ready'. */
  becomeReady(): void {
    this.ready = true;
    this.calls.push('ready');
    this.resolveReady?.();
  }
  requestSingleInstanceLock(): boolean {
    this.calls.push('requestSingleInstanceLock');
    return this.lock;
  }
  quit(): void {
    this.quitCount += 1;
    this.calls.push('quit');
  }
  getPath(_name: 'userData'): string {
    return this.userData;
  }
  locale = 'en-GB';
  getLocale(): string {
    return this.locale;
  }
}

export class FakeProtocol implements ProtocolFacade {
  readonly privileged: CustomScheme[] = [];
  readonly handlers = new Map<string, (request: ProtocolRequest) => Promise<Response>>();
  constructor(private readonly app?: FakeApp) {}
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    this.app?.calls.push(this.app.ready ? 'registerSchemesAsPrivileged after ready' : 'registerSchemesAsPrivileged');
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: (request: ProtocolRequest) => Promise<Response>): void {
    this.handlers.set(scheme, handler);
  }
}

export class FakeSession implements SessionFacade {
  requestHandler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void, details: PermissionDetails) => void) | undefined;
  checkHandler: ((webContents: unknown, permission: string, requestingOrigin: string, details: PermissionDetails) => boolean) | undefined;
  deviceHandler: (() => boolean) | undefined;
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: PermissionDetails) => void): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin: string, details: PermissionDetails) => boolean): void {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: () => boolean): void {
    this.deviceHandler = handler;
  }
  /** What the request handler answers, as Electron would ask it. */
  request(permission: string, requestingUrl: string, isMainFrame = true): boolean[] {
    const answers: boolean[] = [];
    this.requestHandler?.({}, permission, (granted) => answers.push(granted), { requestingUrl, isMainFrame });
    return answers;
  }
  check(permission: string, requestingOrigin: string, isMainFrame = true): boolean | undefined {
    return this.checkHandler?.(null, permission, requestingOrigin, { requestingUrl: requestingOrigin, isMainFrame });
  }
}

export class FakeShell implements ShellFacade {
  readonly opened: string[] = [];
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  }
}

export class FakeMenu implements MenuFacade {
  applied: { template: MenuItemConstructorOptions[] } | undefined;
  buildFromTemplate(template: MenuItemConstructorOptions[]): { template: MenuItemConstructorOptions[] } {
    return { template };
  }
  setApplicationMenu(menu: unknown): void {
    this.applied = menu as { template: MenuItemConstructorOptions[] };
  }
}

export class FakeDialog implements DialogFacade {
  /** Every message box shown, with the window it was modal to. */
  readonly shown: Array<{ window: WindowFacade; options: MessageBoxSyncOptions }> = [];
  /** The index of the button the user picks (default: the box's own default, as Enter would). */
  answer: number | undefined;
  showMessageBoxSync(window: WindowFacade, options: MessageBoxSyncOptions): number {
    this.shown.push({ window, options });
    return this.answer ?? options.defaultId ?? 0;
  }
}

export class FakeScreen implements ScreenFacade {
  constructor(readonly workAreas: Rectangle[] = [{ x: 0, y: 0, width: 1920, height: 1040 }]) {}
  getAllDisplays(): Array<{ workArea: Rectangle }> {
    return this.workAreas.map((workArea) => ({ workArea }));
  }
  getPrimaryDisplay(): { workArea: Rectangle } {
    return { workArea: this.workAreas[0]! };
  }
}

export interface FakeElectron extends ElectronFacade {
  readonly app: FakeApp;
  readonly protocol: FakeProtocol;
  readonly session: { readonly defaultSession: FakeSession };
  readonly shell: FakeShell;
  readonly Menu: FakeMenu;
  readonly screen: FakeScreen;
  readonly dialog: FakeDialog;
}

export function fakeElectron(options: { isPackaged?: boolean; userData?: string; lock?: boolean; workAreas?: Rectangle[] } = {}): FakeElectron {
  const app = new FakeApp(options.isPackaged ?? true, options.userData ?? '/nonexistent/userData', options.lock ?? true);
  FakeWindow.created = [];
  return {
    app,
    BrowserWindow: FakeWindow,
    protocol: new FakeProtocol(app),
    session: { defaultSession: new FakeSession() },
    shell: new FakeShell(),
    Menu: new FakeMenu(),
    screen: new FakeScreen(options.workAreas),
    dialog: new FakeDialog(),
  };
}
