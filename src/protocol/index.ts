/** The host ⇄ frame contract: messages, guards, locales and the styling allowlist. */
export * from './messages.js';
export * from './appearance.js';
export * from './style.js';
export * from './custom-properties.js';
export * from './locales.js';
