/**
 * The client side of the accessibility commands (`a11y-*` in web-test-runner.config.mjs):
 * axe-core across the page and its cross-origin frames, computed styles inside a frame,
 * emulated user preferences, and what a frame tells assistive technology.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import type { FrameRef } from './commands.js';

/** One node a rule matched: where (frame by frame, shadow root by shadow root) and why. */
export interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary: string;
}

/** An axe rule's outcome on some nodes. */
export interface AxeRule {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** A frame the audit went into. */
export interface AuditedFrame {
  url: string;
  /** The computed background colours of its `<html>` and `<body>`. */
  background: string[];
  /** Whether `backdrop` was painted behind it (only a transparent frame gets it). */
  painted: boolean;
  /** How many node results axe's rules produced in its document (none: nothing was audited). */
  nodes: number;
}

/** What axe found on the page and in every frame inside the audited part of it. */
export interface AxeReport {
  violations: AxeRule[];
  /** What axe could not decide (it needs a person to look). */
  incomplete: AxeRule[];
  /** How many documents were audited: the page and each frame. */
  documents: number;
  frames: AuditedFrame[];
}

/** The WCAG 2.2 A and AA rules of axe-core. */
export const WCAG22AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core (`runPartial` in the page and in each frame, `finishRun` in the page) over the
 * elements `include` selects and their frames. `backdrop` is the page's colour behind the
 * elements: a transparent frame is audited with it painted behind its content, as the user
 * sees it (axe itself measures against white inside a frame).
 */
export function axeAudit(include: string[], backdrop: string): Promise<AxeReport> {
  return executeServerCommand<AxeReport, unknown>('a11y-axe', {
    include,
    backdrop,
    // Only violations and what axe could not decide are read: one node of the rest will do.
    options: {
      runOnly: { type: 'tag', values: WCAG22AA },
      resultTypes: ['violations', 'incomplete'],
    },
  });
}

/**
 * Computed values of `properties` for the element `selector` selects in a frame (of its
 * `pseudo`-element, e.g. `::placeholder`, when given), once its transitions have finished.
 */
export function frameComputed(
  frame: FrameRef,
  selector: string,
  properties: readonly string[],
  pseudo?: string,
): Promise<Record<string, string>> {
  return executeServerCommand<Record<string, string>, unknown>('a11y-style', {
    ...frame,
    selector,
    properties,
    pseudo,
  });
}

/** User preferences the page and its frames see; null (the default) ends an emulation. */
export interface MediaPreferences {
  reducedMotion?: 'reduce' | 'no-preference' | null;
  forcedColors?: 'active' | 'none' | null;
}

/** Emulates `prefers-reduced-motion` and `forced-colors` (Playwright's `emulateMedia`). */
export async function emulateMedia(preferences: MediaPreferences): Promise<void> {
  await executeServerCommand('a11y-media', preferences);
}

/** A control in a frame as assistive technology learns of it. */
export interface ControlView {
  id: string;
  tag: string;
  /** Inside an `aria-hidden="true"` subtree. */
  hidden: boolean;
  /** The text of each `<label>` associated with it (`control.labels`). */
  labels: string[];
  ariaRequired: string | null;
  ariaInvalid: string | null;
  /** It carries the invalid look (`.Input--invalid`). */
  shownInvalid: boolean;
  describedBy: string | null;
  /** Ids in `aria-describedby` that name no element. */
  missingDescriptions: string[];
  /** The text of the elements `aria-describedby` names, joined. */
  description: string;
  box: { top: number; left: number; right: number; bottom: number };
}

/** What a frame tells assistive technology. */
export interface FrameStructure {
  lang: string;
  dir: string;
  title: string;
  /** The error live region `#error`, if there is one. */
  live: { ariaLive: string | null; role: string | null; text: string } | null;
  /** Elements in an `aria-hidden="true"` subtree that are in the tab order. */
  hiddenFocusable: string[];
  controls: ControlView[];
}

/** Reads what a frame tells assistive technology (see {@link FrameStructure}). */
export function frameStructure(frame: FrameRef): Promise<FrameStructure> {
  return executeServerCommand<FrameStructure, unknown>('a11y-structure', frame);
}

/**
 * The colour on screen at a point of the viewport (CSS pixels), frames and all, as
 * `rgb(r, g, b)`: what the user sees there, from a screenshot of that one pixel.
 */
export async function screenColour(x: number, y: number): Promise<string> {
  const png = await executeServerCommand<string, unknown>('a11y-pixel', { x, y });
  const response = await fetch(`data:image/png;base64,${png}`);
  const bitmap = await createImageBitmap(await response.blob());
  const canvas = new OffscreenCanvas(1, 1);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  const [red = 0, green = 0, blue = 0] = context.getImageData(0, 0, 1, 1).data;
  return `rgb(${String(red)}, ${String(green)}, ${String(blue)})`;
}
