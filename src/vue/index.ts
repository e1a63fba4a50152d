/**
 * `tessera/vue`: the Tessera elements in Vue 3 templates, typed. Vue renders custom elements as
 * they are (tell its compiler which tags they are with `isCustomElement`); this entry only adds
 * each tag to Vue's `GlobalComponents`, in the shape Vue's guide gives for custom elements not
 * built with Vue (`DefineCustomElement`), so template type-checkers (vue-tsc, the Vue language
 * tools) check `<tessera-card :appearance="…" @tessera-change="…">`: its props from the
 * element's own properties, its events from the elements' event classes.
 *
 * Types only: import it once, on purpose (`import type {} from 'tessera/vue'`, or
 * `import 'tessera/vue'`, which loads an empty module). The elements themselves are defined by
 * `import 'tessera'`.
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type {
  TesseraBankAccountElement,
  TesseraCardCvcElement,
  TesseraCardElement,
  TesseraCardExpiryElement,
  TesseraCardNumberElement,
  TesseraFieldElement,
  CardProperty,
  FieldProperty,
  TesseraEventMap,
} from '../host/index.js';

/** The events every Tessera element fires, by name (all bubble and cross shadow roots). */
export type TesseraElementEvents = TesseraEventMap;

/** The options every element takes, as attributes or (objects, the instance) as properties. */
export type TesseraFieldProperty = FieldProperty;

/** The card element's own options, besides every element's. */
export type TesseraCardProperty = FieldProperty | CardProperty;

/** `tessera-loaderror` → `TesseraLoaderror`: the name Vue gives a listener prop (`onTesseraLoaderror`). */
type HandlerName<Event extends string> = Event extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${HandlerName<Tail>}`
  : Capitalize<Event>;

/**
 * The listeners as props, `onTesseraChange` for `tessera-change`: what `@tessera-change` compiles
 * to, and what a render function passes to `h()` (Vue listens to the hyphenated name).
 */
export type TesseraListenerProps = {
  [Name in keyof TesseraElementEvents as `on${HandlerName<Name>}`]?: (
    event: TesseraElementEvents[Name],
  ) => void;
};

/**
 * What a template may bind on an element: the chosen properties, the listeners, the global HTML
 * attributes and Vue's own (`key`, `ref`, `class`, `style`).
 */
export type TesseraElementProps<
  Element extends TesseraFieldElement,
  Property extends keyof Element,
> = Omit<HTMLAttributes, Property> &
  Partial<Pick<Element, Property>> &
  TesseraListenerProps &
  PublicProps;

/**
 * An element as Vue's template type-checking sees a component (Vue's guide, "Web Components",
 * `DefineCustomElement`): an instance is the element itself (a template ref gets its methods),
 * and the type-checker reads the props from `$props` and the events from `$emit`.
 */
export type DefineTesseraElement<
  Element extends TesseraFieldElement,
  Property extends keyof Element = TesseraFieldProperty & keyof Element,
> = new () => Element & {
  /** @deprecated Template type-checking only: not a property of the element. */
  $props: TesseraElementProps<Element, Property>;
  /** @deprecated Template type-checking only: not a method of the element. */
  $emit: EmitFn<{
    [Name in keyof TesseraElementEvents]: (event: TesseraElementEvents[Name]) => void;
  }>;
};

declare module 'vue' {
  interface GlobalComponents {
    /** Card number, expiry date, CVC and postal code in one secure frame. */
    'tessera-card': DefineTesseraElement<TesseraCardElement, TesseraCardProperty>;
    /** The card number of split fields. */
    'tessera-card-number': DefineTesseraElement<TesseraCardNumberElement>;
    /** The expiry date of split fields. */
    'tessera-card-expiry': DefineTesseraElement<TesseraCardExpiryElement>;
    /** The CVC of split fields, or alone for CVC re-collection. */
    'tessera-card-cvc': DefineTesseraElement<TesseraCardCvcElement>;
    /** A US bank account: holder name and type, routing and account number. */
    'tessera-bank-account': DefineTesseraElement<TesseraBankAccountElement>;
  }
}
