import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import type { Rectangle } from 'electron';
import { writeFileAtomic, type AtomicFs } from '../files/atomic-write';
import type { WindowFacade } from './facade';

/*
 * The window opens where the user left it: bounds and maximized / full-screen state are kept in
 * window-state.json in userData, replaced atomically. On restore they are clamped to a display
 * that exists now (a laptop undocked from its second screen must not open its window off-screen).
 */

export interface WindowState {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
  readonly fullScreen: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 800, height: 560 } as const;
/** Larger than any real display: anything beyond is not a window position but a corrupt file. */
const MAX_COORDINATE = 100_000;

export function windowStatePath(userData: string): string {
  return join(userData, WINDOW_STATE_FILE);
}

/** A saved state, or null for anything that is not one (missing fields, wrong types, absurd numbers). */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const coordinate = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && Math.abs(n) <= MAX_COORDINATE;
  const size = (n: unknown): n is number => coordinate(n) && n > 0;
  if (!coordinate(v['x']) || !coordinate(v['y']) || !size(v['width']) || !size(v['height'])) return null;
  return { x: v['x'], y: v['y'], width: v['width'], height: v['height'], maximized: v['maximized'] === true, fullScreen: v['fullScreen'] === true };
}

export async function loadWindowState(path: string, fs: Pick<typeof nodeFs, 'readFile'> = nodeFs): Promise<WindowState | null> {
  try {
    return parseWindowState(JSON.parse(await fs.readFile(path, 'utf8')));
  } catch {
    // Missing or unreadable: the window opens at its default place; the next save replaces the file.
    return null;
  }
}

export async function saveWindowState(path: string, state: WindowState, fs?: AtomicFs): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600, ...(fs ? { fs } : {}) });
}

function intersectionArea(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);

function centered(size: { width: number; height: number }, area: Rectangle): Rectangle {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
}

/**
 * Where the window opens: the saved bounds moved and shrunk to lie wholly inside the work area
 * of the display they overlap most, or centred on the primary display when they overlap none
 * (or nothing was saved).
 */
export function restoreBounds(saved: WindowState | null, workAreas: readonly Rectangle[], primary: Rectangle): Rectangle {
  if (!saved) return centered(DEFAULT_SIZE, primary);
  let best: Rectangle | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = intersectionArea(saved, area);
    if (overlap > bestArea) {
      best = area;
      bestArea = overlap;
    }
  }
  if (!best) return centered({ width: saved.width, height: saved.height }, primary);
  const width = clamp(saved.width, Math.min(MIN_SIZE.width, best.width), best.width);
  const height = clamp(saved.height, Math.min(MIN_SIZE.height, best.height), best.height);
  return { x: clamp(saved.x, best.x, best.x + best.width - width), y: clamp(saved.y, best.y, best.y + best.height - height), width, height };
}

export function captureWindowState(window: WindowFacade): WindowState {
  const { x, y, width, height } = window.getNormalBounds();
  return { x, y, width, height, maximized: window.isMaximized(), fullScreen: window.isFullScreen() };
}

export interface WindowStateTracker {
  /** Resolves when the last write has finished (or failed: a lost window position is not worth an error). */
  flush(): Promise<void>;
}

/**
 * Saves the window's state shortly after it stops moving or resizing, and when it closes. Writes
 * never overlap: a new one waits for the one in progress.
 */
export function trackWindowState(
  window: WindowFacade,
  save: (state: WindowState) => Promise<void>,
  options: { debounceMs?: number; setTimer?: typeof setTimeout; clearTimer?: typeof clearTimeout } = {},
): WindowStateTracker {
  const debounceMs = options.debounceMs ?? 500;
  const setTimer = options.setTimer ?? setTimeout;
  const clearTimer = options.clearTimer ?? clearTimeout;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();

  const saveNow = (): void => {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    if (window.isDestroyed()) return;
    const state = captureWindowState(window);
    writing = writing.then(() => save(state)).catch(() => undefined);
  };
  const later = (): void => {
    if (timer !== undefined) clearTimer(timer);
    timer = setTimer(saveNow, debounceMs);
  };

  for (const event of ['resize', 'move', 'maximize', 'unmaximize', 'enter-full-screen', 'leave-full-screen'] as const) window.on(event, later);
  window.on('close', saveNow);
  return { flush: () => writing };
}

/** After construction: a window left maximized (or full screen, which is not restored as such) opens maximized. */
export function applyRestoredState(window: WindowFacade, saved: WindowState | null): void {
  if (saved?.maximized || saved?.fullScreen) window.maximize();
}
