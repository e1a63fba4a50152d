/**
 * What the elements take as options: the property names the framework integrations let their
 * components and templates set, and what `updateOptions()` accepts.
 */
import type { ElementOptions } from '../protocol/index.js';

/**
 * The properties every element takes as options (attributes or, for objects, properties): what
 * the framework integrations let their components and templates set. A list at run time too:
 * React's server entry renders every other prop as an attribute.
 */
export const FIELD_PROPERTIES = [
  'publishableKey',
  'vaultOrigin',
  'tessera',
  'name',
  'placeholder',
  'disabled',
  'locale',
  'theme',
  'appearance',
  'messages',
  'frameTitle',
  'loadTimeout',
  'fieldStyle',
] as const;

/** A property every element takes as an option. */
export type FieldProperty = (typeof FIELD_PROPERTIES)[number];

/** The card element's own option properties, besides every element's. */
export const CARD_PROPERTIES = ['hidePostalCode', 'postalCode'] as const;

/** A property the card element takes as an option. */
export type CardProperty = (typeof CARD_PROPERTIES)[number];

/** What `updateOptions()` takes: every element's options (the card element adds its own). */
export interface FieldOptions extends Omit<
  ElementOptions,
  'dir' | 'hostColor' | 'hidePostalCode' | 'value'
> {
  /** Layout direction: `auto` follows the page (the element's computed `direction`). */
  dir?: 'auto' | 'ltr' | 'rtl';
  /** The iframe's accessible name, instead of the localised default. */
  frameTitle?: string;
}
