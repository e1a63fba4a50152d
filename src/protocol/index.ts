/** The host ⇄ frame contract: messages, guards and the style allowlist. */
export * from './messages.js';
export * from './style.js';
export * from './frame-titles.js';
