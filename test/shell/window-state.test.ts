import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyRestoredState, DEFAULT_SIZE, loadWindowState, MIN_SIZE, parseWindowState, restoreBounds, saveWindowState, trackWindowState,
  windowStatePath, type WindowState,
} from '../../electron/main/window-state';
import { FakeWindow } from './fake-electron';

const laptop = { x: 0, y: 0, width: 1440, height: 870 };
// A second screen to the right of the laptop, taller, with its top 200 px higher.
const external = { x: 1440, y: -200, width: 2560, height: 1400 };
const state = (x: number, y: number, width: number, height: number, extra: Partial<WindowState> = {}): WindowState =>
  ({ x, y, width, height, maximized: false, fullScreen: false, ...extra });
const inside = (b: { x: number; y: number; width: number; height: number }, area: typeof laptop) =>
  b.x >= area.x && b.y >= area.y && b.x + b.width <= area.x + area.width && b.y + b.height <= area.y + area.height;

describe('restoring the window bounds', () => {
  it('centres the default size on the primary display when nothing was saved', () => {
    expect(restoreBounds(null, [laptop], laptop)).toEqual({ x: 80, y: 35, ...DEFAULT_SIZE });
    // A screen smaller than the default size gets a window that fits.
    const small = { x: 0, y: 0, width: 1024, height: 600 };
    expect(restoreBounds(null, [small], small)).toEqual({ x: 0, y: 0, width: 1024, height: 600 });
  });

  it('keeps bounds that lie wholly on a display', () => {
    expect(restoreBounds(state(100, 50, 1000, 700), [laptop, external], laptop)).toEqual({ x: 100, y: 50, width: 1000, height: 700 });
    expect(restoreBounds(state(2000, -100, 1200, 900), [laptop, external], laptop)).toEqual({ x: 2000, y: -100, width: 1200, height: 900 });
  });

  it('moves a window that hangs off a display back onto the one it overlaps most', () => {
    const restored = restoreBounds(state(1200, 600, 1000, 700), [laptop, external], laptop);
    expect(inside(restored, external)).toBe(true);
    expect(restored).toEqual({ x: 1440, y: 500, width: 1000, height: 700 });
    const left = restoreBounds(state(-300, -50, 1000, 700), [laptop], laptop);
    expect(left).toEqual({ x: 0, y: 0, width: 1000, height: 700 });
  });

  it('centres the saved size on the primary display when the display it was on is gone', () => {
    const restored = restoreBounds(state(2000, 100, 1200, 800), [laptop], laptop);
    expect(restored).toEqual({ x: 120, y: 35, width: 1200, height: 800 });
  });

  it('shrinks a window larger than its display, but not below the minimum size', () => {
    expect(restoreBounds(state(0, 0, 5000, 3000), [laptop], laptop)).toEqual({ x: 0, y: 0, width: 1440, height: 870 });
    expect(restoreBounds(state(10, 10, 300, 200), [laptop], laptop)).toEqual({ x: 10, y: 10, ...MIN_SIZE });
  });

  it('always ends wholly on some display, whatever was saved', () => {
    const areas = [laptop, external];
    for (let i = 0; i < 500; i += 1) {
      const saved = state(Math.round(Math.sin(i) * 6000), Math.round(Math.cos(i * 7) * 3000), 100 + ((i * 97) % 5000), 100 + ((i * 53) % 3000));
      const restored = restoreBounds(saved, areas, laptop);
      expect(areas.some((area) => inside(restored, area)), JSON.stringify(saved)).toBe(true);
    }
  });

  it('reopens maximized a window closed maximized or full screen', () => {
    for (const [extra, maximized] of [[{ maximized: true }, true], [{ fullScreen: true }, true], [{}, false]] as const) {
      const window = new FakeWindow({});
      applyRestoredState(window, state(0, 0, 900, 600, extra));
      expect(window.maximized).toBe(maximized);
    }
  });
});

describe('the window-state file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fieldbook-window-state-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips through window-state.json in userData, leaving no temp file', async () => {
    const path = windowStatePath(dir);
    expect(path).toBe(join(dir, 'window-state.json'));
    const saved = state(12, 34, 1100, 720, { maximized: true });
    await saveWindowState(path, saved);
    expect(await loadWindowState(path)).toEqual(saved);
    expect(await readdir(dir)).toEqual(['window-state.json']);
  });

  it('is written atomically: a failed write leaves the previous state readable', async () => {
    const path = join(dir, 'atomic.json');
    await saveWindowState(path, state(1, 2, 900, 600));
    const crashingRename = {
      ...(await import('node:fs/promises')),
      rename: async () => {
        throw new Error('power cut');
      },
    };
    await expect(saveWindowState(path, state(5, 5, 1000, 700), crashingRename)).rejects.toThrow('power cut');
    expect(await loadWindowState(path)).toEqual(state(1, 2, 900, 600));
    expect((await readdir(dir)).filter((name) => name.startsWith('atomic.json.'))).toEqual([]);
  });

  it('treats a missing, corrupt or absurd file as nothing saved', async () => {
    expect(await loadWindowState(join(dir, 'missing.json'))).toBeNull();
    await writeFile(join(dir, 'corrupt.json'), '{"x": 1, "y"');
    expect(await loadWindowState(join(dir, 'corrupt.json'))).toBeNull();
    for (const bad of [null, [], 'x', { x: 1, y: 2, width: 0, height: 10 }, { x: 1.5, y: 2, width: 10, height: 10 }, { x: 1e9, y: 0, width: 10, height: 10 },
      { x: 0, y: 0, width: '800', height: 600 }, { x: 0, y: 0, width: Number.NaN, height: 600 }, { y: 0, width: 800, height: 600 }]) {
      expect(parseWindowState(bad), JSON.stringify(bad)).toBeNull();
    }
    expect(parseWindowState({ x: -10, y: 0, width: 800, height: 600, maximized: 'yes' })).toEqual(state(-10, 0, 800, 600));
  });

  it('is saved after moving or resizing settles, on close, and never by two writes at once', async () => {
    const window = new FakeWindow({ x: 0, y: 0, width: 900, height: 600 });
    const timers: Array<() => void> = [];
    const writes: WindowState[] = [];
    let active = 0;
    let maxActive = 0;
    const tracker = trackWindowState(window, async (s) => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      writes.push(s);
      active -= 1;
    }, {
      setTimer: ((fn: () => void) => {
        timers.push(fn);
        return timers.length as unknown as ReturnType<typeof setTimeout>;
      }) as unknown as typeof setTimeout,
      clearTimer: (() => undefined) as typeof clearTimeout,
    });
    window.bounds = { x: 40, y: 30, width: 900, height: 600 };
    window.emit('move');
    window.emit('resize');
    expect(writes).toEqual([]);
    timers.at(-1)!();
    window.maximized = true;
    window.emit('close');
    await tracker.flush();
    expect(writes).toEqual([state(40, 30, 900, 600), state(40, 30, 900, 600, { maximized: true })]);
    expect(maxActive).toBe(1);
  });

  it('survives a failing write', async () => {
    const window = new FakeWindow({});
    const tracker = trackWindowState(window, async () => {
      throw new Error('disk full');
    });
    window.emit('close');
    await expect(tracker.flush()).resolves.toBeUndefined();
  });
});

it('writes the file with owner-only permissions', async () => {
  if (process.platform === 'win32') return;
  const dir = await mkdtemp(join(tmpdir(), 'fieldbook-window-mode-'));
  try {
    const path = join(dir, 'window-state.json');
    await saveWindowState(path, state(0, 0, 900, 600));
    const { stat } = await import('node:fs/promises');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(state(0, 0, 900, 600));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
