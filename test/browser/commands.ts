import { executeServerCommand } from '@web/test-runner-commands';
import type { ElementType } from '../../src/protocol/index.js';

/** The run's token server: its origin (127.0.0.1, not the page's) and a test publishable key. */
export interface TesseraEnv {
  vaultOrigin: string;
  publishableKey: string;
  /** `FUZZ_SEED` and `FUZZ_RUNS` of the run's environment, for the fuzz suite. */
  fuzz: { seed: string | null; runs: string | null };
}

/** Where the token server of this run is. */
export function tesseraEnv(): Promise<TesseraEnv> {
  return executeServerCommand<TesseraEnv, unknown>('env');
}

/** Which frame: by element type and index among frames of that type on the page. */
export interface FrameRef {
  type: ElementType;
  index?: number;
}

/** What a field in a frame shows. */
export interface FieldView {
  value: string;
  caret: number | null;
  ariaInvalid: string | null;
  autocomplete: string | null;
  inputmode: string | null;
  focused: boolean;
  error: string;
  label: string;
  /** The frame's document has the keyboard focus (`document.hasFocus()` inside the frame). */
  documentHasFocus: boolean;
  placeholder: string | null;
  disabled: boolean;
}

/** Types `text` key by key into `selector` inside the frame. */
export async function typeInFrame(
  frame: FrameRef,
  selector: string,
  text: string,
  clear = false,
): Promise<void> {
  await executeServerCommand('frame-type', { ...frame, selector, text, clear });
}

/** Sets a field's value at once (paste, autofill). */
export async function fillInFrame(frame: FrameRef, selector: string, text: string): Promise<void> {
  await executeServerCommand('frame-fill', { ...frame, selector, text });
}

/** Presses one key in a field. */
export async function pressInFrame(frame: FrameRef, selector: string, key: string): Promise<void> {
  await executeServerCommand('frame-press', { ...frame, selector, key });
}

/** Reads a field as the user sees it. */
export async function readField(frame: FrameRef, selector: string): Promise<FieldView> {
  return executeServerCommand<FieldView, unknown>('frame-read', { ...frame, selector });
}

/** A computed style property of an element inside the frame. */
export async function frameStyle(
  frame: FrameRef,
  selector: string,
  property: string,
): Promise<string> {
  return executeServerCommand<string, unknown>('frame-style', { ...frame, selector, property });
}

/** How many frames of a type the page has. */
export async function frameCount(type: ElementType): Promise<number> {
  return executeServerCommand<number, unknown>('frame-count', { type });
}

/** The merchant backend retrieves a token with the secret key (from Node). */
export async function retrieveToken(id: string): Promise<Record<string, unknown>> {
  return executeServerCommand<Record<string, unknown>, unknown>('retrieve-token', { id });
}

/** The merchant backend uses a token once (from Node). */
export async function detokenize(id: string): Promise<Record<string, unknown>> {
  return executeServerCommand<Record<string, unknown>, unknown>('detokenize', { id });
}

/** A frame document's size as it sees itself. */
export interface FrameMetrics {
  scrollHeight: number;
  clientHeight: number;
  innerHeight: number;
  bodyHeight: number;
}

/** Reads the frame document's scroll and client heights. */
export async function frameMetrics(frame: FrameRef): Promise<FrameMetrics> {
  return executeServerCommand<FrameMetrics, unknown>('frame-metrics', frame);
}

/** True when `selector` matches something inside the frame (now, without waiting). */
export async function existsInFrame(frame: FrameRef, selector: string): Promise<boolean> {
  return executeServerCommand<boolean, unknown>('frame-exists', { ...frame, selector });
}

/** The frame document's HTTP response: status and headers (fetched from Node). */
export async function frameDocumentHeaders(): Promise<{
  status: number;
  headers: Record<string, string>;
}> {
  return executeServerCommand<{ status: number; headers: Record<string, string> }, unknown>(
    'frame-headers',
  );
}

/** A TCP port on 127.0.0.1 with nothing listening (connections are refused). */
export async function closedPort(): Promise<number> {
  return executeServerCommand<number, unknown>('closed-port');
}

/**
 * Makes every frame created from now on in this test file's page report `languages` as the
 * browser's (`navigator.languages`), as a browser set to those languages would. The page itself
 * is already loaded: a test sets its own `navigator.languages` for the host side.
 */
export function setFrameLanguages(languages: readonly string[]): Promise<boolean> {
  return executeServerCommand<boolean, { languages: readonly string[] }>('frame-languages', {
    languages,
  });
}

/** A test key pair created with `tessera keys create` on the run's server. */
export interface CreatedKeys {
  publishable_key: string;
  allowed_origins: string[];
}

/** Creates a test key pair on the run's server, bound to `allowedOrigins` (none: every origin). */
export function createKeys(allowedOrigins: string[] = []): Promise<CreatedKeys> {
  return executeServerCommand<CreatedKeys, unknown>('keys-create', { allowedOrigins });
}

/** How many card number inputs are visible in all the page's frames together. */
export function visibleCardFields(): Promise<number> {
  return executeServerCommand<number, unknown>('visible-fields');
}

/**
 * Starts collecting the frame's uncaught errors and unhandled rejections; with `probe`, the
 * frame throws one of each at once (to show the collector sees them).
 */
export async function watchFrameErrors(frame: FrameRef, probe = false): Promise<void> {
  await executeServerCommand('frame-watch-errors', { ...frame, probe });
}

/** The frame's uncaught errors and unhandled rejections since the last call (then forgotten). */
export async function frameErrors(frame: FrameRef): Promise<string[]> {
  const errors = await executeServerCommand<string[] | null, unknown>('frame-errors', frame);
  if (!errors) throw new Error(`no error collector in the ${frame.type} frame`);
  return errors;
}

/** Posts `messages` on the BroadcastChannel `channel` from inside a frame of the vault origin. */
export async function broadcastFromFrame(
  frame: FrameRef,
  channel: string,
  messages: readonly unknown[],
): Promise<void> {
  await executeServerCommand('frame-broadcast', { ...frame, channel, messages });
}

/** Every word a frame shows or says to assistive technology, and where its inputs and icons sit. */
export interface FrameWords {
  lang: string;
  dir: string;
  /** The frame document's own title. */
  title: string;
  labels: string[];
  placeholders: string[];
  options: string[];
  /** The visually hidden descriptions each input points at (its error, the CVC hint). */
  descriptions: string[];
  error: string;
  inputs: { id: string; dir: string; textAlign: string; left: number; right: number }[];
  icons: {
    className: string | null;
    ariaHidden: string | null;
    paths: number;
    /** The first path's data. */
    d: string;
    left: number;
    right: number;
  }[];
}

/** Reads every word of a frame (see {@link FrameWords}). */
export function frameWords(frame: FrameRef): Promise<FrameWords> {
  return executeServerCommand<FrameWords, unknown>('frame-words', frame);
}

/** The URLs a frame's document fetched (its scripts and lazily loaded chunks). */
export function frameResources(frame: FrameRef): Promise<string[]> {
  return executeServerCommand<string[], unknown>('frame-resources', frame);
}
