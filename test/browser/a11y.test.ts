/**
 * WCAG 2.2 AA for every element, measured where the shopper meets it: inside the cross-origin
 * frames as well as on the page. Each configuration (the three themes, the night one on a dark
 * page; floating labels with condensed inputs; Arabic right to left; Japanese) mounts every
 * element once, and each element is then put through its states (empty, filled, invalid,
 * disabled): axe-core runs across the page and its frames, and the controls are checked for
 * what assistive technology is told. Colour contrast is measured on the rendered frames, Tab
 * order with real key presses, and reduced motion and forced colours through Playwright's media
 * emulation.
 */
import { assert, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { render } from 'lit';
import '../../src/host/index.js';
import type { TesseraFieldElement } from '../../src/host/index.js';
import type { Appearance } from '../../src/protocol/index.js';
import {
  axeAudit,
  emulateMedia,
  frameComputed,
  frameStructure,
  screenColour,
  type AxeRule,
  type ControlView,
  type FrameStructure,
} from './a11y-commands.js';
import { fillInFrame, pressInFrame, readField, type FrameRef } from './commands.js';
import {
  FUTURE_YEAR,
  VISA,
  focusReaches,
  publishableKey,
  roundTrip,
  vaultOrigin,
} from './fixtures.js';

type Theme = 'stripe' | 'night' | 'flat';
type State = 'empty' | 'filled' | 'invalid' | 'disabled';
const STATES: readonly State[] = ['empty', 'filled', 'invalid', 'disabled'];

/** The page around the elements: its background and text colour. */
interface PageColours {
  background: string;
  color: string;
}
const LIGHT_PAGE: PageColours = { background: '#ffffff', color: '#1a1b25' };
const DARK_PAGE: PageColours = { background: '#14151b', color: '#f1f2f5' };

/** One configuration of the elements, mounted once for all its checks. */
interface Setup {
  /** The section's id; also names the elements' ids. */
  id: string;
  title: string;
  theme: Theme;
  locale: 'en' | 'ar' | 'ja';
  dir: 'ltr' | 'rtl';
  page: PageColours;
  /** The `appearance` property besides the `theme` attribute (floating labels, condensed). */
  appearance?: Appearance;
}

const SETUPS: readonly Setup[] = [
  {
    id: 'stripe',
    title: 'stripe theme',
    theme: 'stripe',
    locale: 'en',
    dir: 'ltr',
    page: LIGHT_PAGE,
  },
  {
    id: 'night',
    title: 'night theme on a dark page',
    theme: 'night',
    locale: 'en',
    dir: 'ltr',
    page: DARK_PAGE,
  },
  { id: 'flat', title: 'flat theme', theme: 'flat', locale: 'en', dir: 'ltr', page: LIGHT_PAGE },
  {
    id: 'floating',
    title: 'flat theme, floating labels, condensed inputs',
    theme: 'flat',
    locale: 'en',
    dir: 'ltr',
    page: LIGHT_PAGE,
    appearance: { labels: 'floating', inputs: 'condensed' },
  },
  {
    id: 'ar',
    title: 'Arabic, right to left',
    theme: 'stripe',
    locale: 'ar',
    dir: 'rtl',
    page: LIGHT_PAGE,
  },
  { id: 'ja', title: 'Japanese', theme: 'stripe', locale: 'ja', dir: 'ltr', page: LIGHT_PAGE },
];

const CARD: FrameRef = { type: 'card' };
const NUMBER: FrameRef = { type: 'cardNumber' };
const EXPIRY: FrameRef = { type: 'cardExpiry' };
const CVC: FrameRef = { type: 'cardCvc' };
const BANK: FrameRef = { type: 'bankAccount' };

/** The element that owns each frame. */
const TAGS = {
  card: 'tessera-card',
  cardNumber: 'tessera-card-number',
  cardExpiry: 'tessera-card-expiry',
  cardCvc: 'tessera-card-cvc',
  bankAccount: 'tessera-bank-account',
} as const;
type FramedType = keyof typeof TAGS;

/** A field: its frame and its input's id there. */
type FieldRef = readonly [frame: FrameRef, id: string];
/** A value to put in a field. */
type Entry = readonly [frame: FrameRef, id: string, value: string];

/** Elements checked together, their fields in tab order, and how to fill them. */
interface Group {
  name: string;
  frames: readonly FrameRef[];
  fields: readonly FieldRef[];
  valid: readonly Entry[];
  /** Values that make some fields show an error (each field is left after its entry). */
  invalid: readonly Entry[];
  /** The fields `invalid` makes show an error, with the English message each then shows. */
  errors: Readonly<Record<string, string>>;
}

const CARD_ERRORS = {
  number: 'Your card number is invalid.',
  expiry: "Your card's expiration year is in the past.",
  cvc: "Your card's security code is incomplete.",
};

const CARD_GROUP: Group = {
  name: 'card',
  frames: [CARD],
  fields: [
    [CARD, 'number'],
    [CARD, 'expiry'],
    [CARD, 'cvc'],
    [CARD, 'postalCode'],
  ],
  valid: [
    [CARD, 'number', VISA],
    [CARD, 'expiry', `12${FUTURE_YEAR}`],
    [CARD, 'cvc', '123'],
    [CARD, 'postalCode', '94107'],
  ],
  invalid: [
    [CARD, 'number', '4242424242424241'],
    [CARD, 'expiry', '1220'],
    [CARD, 'cvc', '1'],
  ],
  errors: CARD_ERRORS,
};

const SPLIT_GROUP: Group = {
  name: 'split fields',
  frames: [NUMBER, EXPIRY, CVC],
  fields: [
    [NUMBER, 'number'],
    [EXPIRY, 'expiry'],
    [CVC, 'cvc'],
  ],
  valid: [
    [NUMBER, 'number', VISA],
    [EXPIRY, 'expiry', `12${FUTURE_YEAR}`],
    [CVC, 'cvc', '123'],
  ],
  invalid: [
    [NUMBER, 'number', '4242424242424241'],
    [EXPIRY, 'expiry', '1220'],
    [CVC, 'cvc', '1'],
  ],
  errors: CARD_ERRORS,
};

const BANK_GROUP: Group = {
  name: 'bank account',
  frames: [BANK],
  fields: [
    [BANK, 'accountHolderName'],
    [BANK, 'accountHolderType'],
    [BANK, 'routingNumber'],
    [BANK, 'accountNumber'],
  ],
  valid: [
    [BANK, 'accountHolderName', 'Jenny Rosen'],
    [BANK, 'routingNumber', '110000000'],
    [BANK, 'accountNumber', '000123456789'],
  ],
  invalid: [
    [BANK, 'accountHolderName', 'Jenny Rosen'],
    [BANK, 'routingNumber', '110000001'],
    [BANK, 'accountNumber', '12'],
  ],
  errors: {
    routingNumber: 'Your routing number is invalid.',
    accountNumber: 'Your account number is incomplete.',
  },
};

const GROUPS: readonly Group[] = [CARD_GROUP, SPLIT_GROUP, BANK_GROUP];

/** Each iframe's title in English. */
const ENGLISH_TITLES: Readonly<Record<FramedType, string>> = {
  card: 'Card payment',
  cardNumber: 'Card number',
  cardExpiry: 'Card expiration date',
  cardCvc: 'Card security code',
  bankAccount: 'Bank account',
};

/** Where the CVC is printed, as its description says in English. */
const CVC_HINT = '3-digit code on the back of your card';

/** A configuration's elements on the page, with buttons before and after each group. */
interface Mounted {
  setup: Setup;
  root: HTMLElement;
  element(type: FramedType): TesseraFieldElement;
  button(name: 'before' | 'after-card' | 'after-split' | 'after-bank'): HTMLButtonElement;
  label: HTMLLabelElement;
  /** Each frame's live region as the frame first rendered (read as soon as it was ready). */
  liveAtReady: Map<FramedType, FrameStructure['live']>;
}

/** An element of `type` configured by attributes (and `appearance`) as `setup` says. */
function create(type: FramedType, setup: Setup): TesseraFieldElement {
  const el = document.createElement(TAGS[type]);
  el.setAttribute('publishable-key', publishableKey);
  el.setAttribute('vault-origin', vaultOrigin);
  el.setAttribute('theme', setup.theme);
  el.setAttribute('locale', setup.locale);
  // A left-to-right setup sets no direction: the elements follow the page's (see the
  // `<html dir>` test).
  if (setup.dir === 'rtl') el.setAttribute('dir', 'rtl');
  if (setup.appearance) el.appearance = setup.appearance;
  return el;
}

/**
 * Mounts every element of `setup` in a section of the page coloured as `setup.page` says: an
 * outer label for the card, a button before the card and one after each group.
 */
async function mount(setup: Setup): Promise<Mounted> {
  const root = document.createElement('section');
  root.id = setup.id;
  if (setup.dir === 'rtl') root.dir = 'rtl';
  root.style.cssText = `background: ${setup.page.background}; color: ${setup.page.color}; padding: 16px; max-width: 640px;`;
  document.body.prepend(root);
  const types = Object.keys(TAGS) as FramedType[];
  const elements = Object.fromEntries(types.map((type) => [type, create(type, setup)])) as Record<
    FramedType,
    TesseraFieldElement
  >;
  elements.card.id = `${setup.id}-card`;
  const button = (name: string, text: string) =>
    html`<button lang="en" type="button" id=${`${setup.id}-${name}`}>${text}</button>`;
  render(
    html`<label lang="en" for=${elements.card.id}>Card details</label>
      ${button('before', 'Edit cart')} ${elements.card} ${button('after-card', 'Use this card')}
      ${elements.cardNumber} ${elements.cardExpiry} ${elements.cardCvc}
      ${button('after-split', 'Use these details')} ${elements.bankAccount}
      ${button('after-bank', 'Use this account')}`,
    root,
  );
  await Promise.all(types.map((type) => elements[type].ready));
  const liveAtReady = new Map<FramedType, FrameStructure['live']>();
  for (const type of types) liveAtReady.set(type, (await frameStructure({ type })).live);
  return {
    setup,
    root,
    element: (type) => elements[type],
    button: (name) => root.querySelector<HTMLButtonElement>(`#${setup.id}-${name}`)!,
    label: root.querySelector('label')!,
    liveAtReady,
  };
}

/** The element that owns `frame`. */
function owner(mounted: Mounted, frame: FrameRef): TesseraFieldElement {
  return mounted.element(frame.type as FramedType);
}

/** Every element of a group. */
function elementsOf(mounted: Mounted, group: Group): TesseraFieldElement[] {
  return group.frames.map((frame) => owner(mounted, frame));
}

/** Waits until every frame of the elements has handled what was sent to it so far. */
async function settled(elements: readonly TesseraFieldElement[]): Promise<void> {
  // A property set a moment ago reaches the frame in the element's next render.
  await Promise.all(elements.map((el) => el.updateComplete));
  await Promise.all(elements.map((el) => roundTrip(el)));
}

/**
 * Puts a group's elements in `state` from whatever state they were in: cleared and enabled,
 * then filled with valid data (`filled`, `disabled`) or with values that show errors (`invalid`),
 * then disabled (`disabled`); focus is taken out of them at the end.
 */
async function setState(mounted: Mounted, group: Group, state: State): Promise<void> {
  const elements = elementsOf(mounted, group);
  for (const el of elements) {
    el.disabled = false;
    el.clear();
  }
  await settled(elements);
  if (state === 'filled' || state === 'disabled') {
    for (const [frame, id, value] of group.valid) await fillInFrame(frame, `#${id}`, value);
    await waitUntil(
      () => elements.every((el) => el.complete),
      `${group.name} did not complete with valid data`,
    );
  }
  if (state === 'invalid') {
    for (const [frame, id, value] of group.invalid) {
      await fillInFrame(frame, `#${id}`, value);
      // Leaving a field shows the error of a value that could still have become valid.
      owner(mounted, frame).blur();
      await settled([owner(mounted, frame)]);
    }
  }
  if (state === 'disabled') for (const el of elements) el.disabled = true;
  for (const el of elements) el.blur();
  await settled(elements);
  const invalid = state === 'invalid' ? Object.keys(group.errors) : [];
  for (const [frame, id] of group.fields) {
    await waitUntil(
      async () => {
        const view = await readField(frame, `#${id}`);
        return (
          view.disabled === (state === 'disabled') &&
          (view.ariaInvalid === 'true') === invalid.includes(id) &&
          !view.focused
        );
      },
      `${frame.type} #${id} did not reach the ${state} state`,
      { timeout: 5000 },
    );
  }
}

/** The colour of the page behind an element: the first opaque background of its ancestors. */
function backgroundBehind(element: Element): string {
  for (let node: Element | null = element; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
  }
  return 'rgb(255, 255, 255)';
}

/** Where an axe node is: frame by frame (→), shadow root by shadow root (>>>). */
function targetText(target: readonly unknown[]): string {
  return target
    .map((part) => (Array.isArray(part) ? part.map(String).join(' >>> ') : String(part)))
    .join(' → ');
}

/** axe's findings as a readable list: rule, impact, where, and what to fix. */
function describeRules(rules: readonly AxeRule[]): string {
  return rules
    .map(
      (rule) =>
        `${rule.id} (${rule.impact ?? 'no impact'}): ${rule.help}\n` +
        rule.nodes
          .map(
            (node) =>
              `  at ${targetText(node.target)}\n    ${node.html}\n    ` +
              node.failureSummary.replace(/\n/g, '\n    '),
          )
          .join('\n'),
    )
    .join('\n');
}

/** What axe could not decide, per check: printed after the suite for a person to review. */
const needsReview = new Map<string, string[]>();
/** Every contrast ratio measured, printed after the suite. */
const ratios: string[] = [];

after(() => {
  if (needsReview.size > 0) {
    const lines = [...needsReview].map(([check, nodes]) => `${check}:\n  ${nodes.join('\n  ')}`);
    console.log(`axe could not decide (incomplete), for review:\n${lines.join('\n')}`);
  }
  if (ratios.length > 0) console.log(`contrast ratios measured:\n${ratios.join('\n')}`);
});

// Colours: the browser converts any CSS colour (rgb(), color(srgb …), color-mix results) to
// sRGB bytes on a canvas, over the colour beneath it when it is translucent.
const canvas = document.createElement('canvas');
canvas.width = 1;
canvas.height = 1;
const paintContext = canvas.getContext('2d', { willReadFrequently: true })!;

/** The sRGB bytes `colour` shows over the opaque colour `under`. */
function paint(colour: string, under = '#ffffff'): [number, number, number] {
  if (!CSS.supports('color', colour)) throw new Error(`not a colour: ${colour}`);
  paintContext.globalCompositeOperation = 'copy';
  paintContext.fillStyle = under;
  paintContext.fillRect(0, 0, 1, 1);
  paintContext.globalCompositeOperation = 'source-over';
  paintContext.fillStyle = colour;
  paintContext.fillRect(0, 0, 1, 1);
  const [red = 0, green = 0, blue = 0] = paintContext.getImageData(0, 0, 1, 1).data;
  return [red, green, blue];
}

/** Whether `colour` hides what is beneath it. */
function isOpaque(colour: string): boolean {
  return paint(colour, '#000000').join() === paint(colour, '#ffffff').join();
}

/** WCAG 2.x relative luminance of sRGB bytes. */
function luminance([red, green, blue]: readonly number[]): number {
  const linear = (byte = 0): number => {
    const value = byte / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}

/** The WCAG contrast ratio of `foreground` shown over the opaque `background`. */
function contrast(foreground: string, background: string): number {
  const [light, dark] = [
    luminance(paint(foreground, background)),
    luminance(paint(background)),
  ].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Asserts a contrast ratio of at least `minimum`, and records it. */
function assertContrast(
  what: string,
  foreground: string,
  background: string,
  minimum: number,
): void {
  const ratio = contrast(foreground, background);
  ratios.push(
    `${what}: ${ratio.toFixed(2)} (${foreground} on ${background}; needs ${String(minimum)})`,
  );
  assert.isAtLeast(
    ratio,
    minimum,
    `${what}: ${foreground} on ${background} is ${ratio.toFixed(2)}:1, under ${String(minimum)}:1`,
  );
}

/** The colours a computed `box-shadow` (or any computed value) names. */
function coloursIn(value: string): string[] {
  return value.match(/(?:rgba?|color|hsla?|hwb|lab|lch|oklab|oklch)\([^)]*\)/g) ?? [];
}

/**
 * The ids of `controls` in reading order: row by row from the top, and in each row from the
 * start of the line (the left in `ltr`, the right in `rtl`).
 */
function visualOrder(controls: readonly ControlView[], dir: 'ltr' | 'rtl'): string[] {
  const rows: ControlView[][] = [];
  for (const control of [...controls].sort((a, b) => a.box.top - b.box.top)) {
    const row = rows.find((candidate) => Math.abs(candidate[0]!.box.top - control.box.top) < 2);
    if (row) row.push(control);
    else rows.push([control]);
  }
  return rows
    .flatMap((row) =>
      row.sort((a, b) => (dir === 'rtl' ? b.box.right - a.box.right : a.box.left - b.box.left)),
    )
    .map((control) => control.id);
}

/** The controls of a frame a user can reach (not the hidden autofill catchers). */
function shownControls(structure: FrameStructure): ControlView[] {
  return structure.controls.filter((control) => !control.hidden);
}

/**
 * Focuses `target` on the page and waits until the frames of `fields` know they lost the
 * focus: the browser tells an out-of-process frame a moment later, and a key pressed before
 * then can go to the frame.
 */
async function focusOnPage(target: HTMLElement, fields: readonly FieldRef[]): Promise<void> {
  target.focus();
  await waitUntil(async () => {
    const views = await Promise.all(fields.map(([frame, id]) => readField(frame, `#${id}`)));
    return views.every((view) => !view.documentHasFocus);
  }, `a frame kept the focus after #${target.id} took it`);
}

/**
 * Tab from `before` through `stops` to `after`, then Shift+Tab back through them to `before`,
 * with the keyboard focus checked at every step.
 */
async function walk(
  before: HTMLElement,
  stops: readonly FieldRef[],
  after: HTMLElement,
): Promise<void> {
  await focusOnPage(before, stops);
  for (const [frame, id] of stops) {
    await sendKeys({ press: 'Tab' });
    await focusReaches(frame, `#${id}`, 'Tab');
  }
  await sendKeys({ press: 'Tab' });
  await waitUntil(() => document.activeElement === after, `Tab did not reach ${after.id}`);
  for (const [frame, id] of [...stops].reverse()) {
    await sendKeys({ press: 'Shift+Tab' });
    await focusReaches(frame, `#${id}`, 'Shift+Tab');
  }
  await sendKeys({ press: 'Shift+Tab' });
  await waitUntil(() => document.activeElement === before, `Shift+Tab did not reach ${before.id}`);
}

/**
 * Puts the keyboard focus in the card's number field as a user does, with Tab from the button
 * before the card (`focus()` is not used: see the `label.click()` test).
 */
async function tabIntoCard(mounted: Mounted): Promise<void> {
  await focusOnPage(mounted.button('before'), CARD_GROUP.fields);
  await sendKeys({ press: 'Tab' });
  await focusReaches(CARD, '#number', 'Tab into the card');
}

/**
 * Moves the keyboard focus out of the card to the button before it, with no field left focused
 * in the frame (as on a page where the shopper has not reached the card yet).
 */
async function leaveCard(mounted: Mounted): Promise<void> {
  const card = mounted.element('card');
  card.blur();
  await settled([card]);
  await focusOnPage(mounted.button('before'), CARD_GROUP.fields);
}

/** The transition durations of a computed `transition-duration`, in seconds. */
function durations(value: string): number[] {
  return value.split(',').map((part) => parseFloat(part));
}

describe('accessibility (WCAG 2.2 AA)', () => {
  for (const setup of SETUPS) {
    describe(setup.title, () => {
      let mounted: Mounted;
      before(async () => {
        mounted = await mount(setup);
      });
      after(() => {
        mounted.root.remove();
      });

      for (const group of GROUPS) {
        for (const state of STATES) {
          describe(`${group.name}, ${state}`, () => {
            before(async () => {
              await setState(mounted, group, state);
            });

            it('has no axe violation in its frames or on the page', async () => {
              const elements = elementsOf(mounted, group);
              const include = elements.map((el) => `#${setup.id} ${el.localName}`);
              const report = await axeAudit(include, backgroundBehind(elements[0]!));
              if (report.incomplete.length > 0) {
                needsReview.set(
                  `${setup.id} ${group.name} ${state}`,
                  report.incomplete.flatMap((rule) =>
                    rule.nodes.map(
                      (node) =>
                        `${rule.id} at ${targetText(node.target.slice(-1))}: ` +
                        (node.failureSummary.split('\n')[1]?.trim() ?? ''),
                    ),
                  ),
                );
              }
              assert.equal(report.documents, elements.length + 1, 'the page and each frame');
              for (const frame of report.frames) {
                assert.isAbove(frame.nodes, 0, `axe checked nothing in ${frame.url}`);
                assert.isTrue(
                  frame.painted,
                  `the frame is not transparent (${frame.background.join(', ')}), so axe ` +
                    `measured it on its own background: ${frame.url}`,
                );
              }
              assert.isEmpty(
                report.violations,
                `${String(report.violations.length)} axe violation(s):\n${describeRules(report.violations)}`,
              );
            });

            it('labels each input, marks it required, and ties its own error to it', async () => {
              for (const frame of group.frames) {
                const structure = await frameStructure(frame);
                const where = `${frame.type} frame`;
                assert.deepEqual(
                  structure.hiddenFocusable,
                  [],
                  `${where}: focusable yet aria-hidden`,
                );
                assert.isNotNull(structure.live, `${where}: no live region #error`);
                assert.equal(structure.live.ariaLive, 'polite', `${where}: #error aria-live`);
                const controls = shownControls(structure);
                assert.isNotEmpty(controls, `${where}: no controls`);
                for (const control of controls) {
                  const field = `${where} #${control.id}`;
                  assert.lengthOf(control.labels, 1, `${field}: one <label for>`);
                  assert.isNotEmpty(control.labels[0], `${field}: label text`);
                  if (control.tag === 'input') {
                    assert.equal(control.ariaRequired, 'true', `${field}: aria-required`);
                  }
                  const error = state === 'invalid' ? group.errors[control.id] : undefined;
                  assert.equal(control.shownInvalid, error !== undefined, `${field}: error shown`);
                  assert.equal(
                    control.ariaInvalid === 'true',
                    error !== undefined,
                    `${field}: aria-invalid is ${String(control.ariaInvalid)}`,
                  );
                  assert.deepEqual(
                    control.missingDescriptions,
                    [],
                    `${field}: aria-describedby ids`,
                  );
                  if (error !== undefined) {
                    assert.isNotNull(control.describedBy, `${field}: no aria-describedby`);
                    if (setup.locale === 'en') {
                      assert.include(control.description, error, `${field}: description`);
                    } else {
                      assert.isNotEmpty(control.description, `${field}: description`);
                    }
                  }
                  if (control.id === 'cvc') {
                    assert.isNotEmpty(control.description, `${field}: where the code is printed`);
                    if (setup.locale === 'en') assert.include(control.description, CVC_HINT);
                  }
                }
                // The live region says the frame's first error, which that field describes too.
                const first = controls.find((control) => control.ariaInvalid === 'true');
                if (first) {
                  assert.isNotEmpty(structure.live.text, `${where}: #error is empty`);
                  assert.include(first.description, structure.live.text, `${where}: #error`);
                } else {
                  assert.equal(structure.live.text, '', `${where}: #error says something`);
                }
              }
            });
          });
        }
      }

      describe('frames', () => {
        it('have the live region #error, polite, from the first render', () => {
          for (const [type, live] of mounted.liveAtReady) {
            assert.deepEqual(live, { ariaLive: 'polite', role: null, text: '' }, type);
          }
        });

        it('are named by a short title in the language of the element, never presentational', async () => {
          for (const type of Object.keys(TAGS) as FramedType[]) {
            const el = mounted.element(type);
            const iframe = el.frame!;
            const structure = await frameStructure({ type });
            assert.isNotEmpty(iframe.title.trim(), `${type}: iframe title`);
            assert.isAtMost(iframe.title.length, 40, `${type}: a short title: ${iframe.title}`);
            assert.equal(iframe.title, structure.title, `${type}: named as its document`);
            assert.notInclude(['presentation', 'none'], iframe.getAttribute('role'), type);
            assert.isNull(iframe.getAttribute('aria-hidden'), `${type}: aria-hidden iframe`);
            assert.notEqual(iframe.getAttribute('tabindex'), '-1', `${type}: out of the tab order`);
            if (setup.locale === 'en') assert.equal(iframe.title, ENGLISH_TITLES[type]);
            else
              assert.notEqual(iframe.title, ENGLISH_TITLES[type], `${type}: title not localised`);
            const hidden = el.shadowRoot?.querySelectorAll(
              '[aria-hidden="true"], [aria-hidden="true"] *',
            );
            const hiddenFocusable = [...(hidden ?? [])].filter(
              (node) => node instanceof HTMLElement && node.tabIndex >= 0,
            );
            assert.isEmpty(hiddenFocusable, `${type}: focusable yet aria-hidden in the element`);
            assert.equal(structure.lang, setup.locale, `${type}: frame language`);
            assert.equal(structure.dir, setup.dir, `${type}: frame direction`);
          }
        });

        it('let the page show through around the fields (what axe is given as backdrop)', async () => {
          for (const type of Object.keys(TAGS) as FramedType[]) {
            const iframe = mounted.element(type).frame!;
            iframe.scrollIntoView({ block: 'center' });
            const box = iframe.getBoundingClientRect();
            // The frame's top left corner: the 4px of room kept for the focus ring, drawn on nothing.
            const seen = await screenColour(Math.ceil(box.left) + 1, Math.ceil(box.top) + 1);
            assert.equal(
              paint(seen).join(),
              paint(setup.page.background).join(),
              `${type}: the frame hides the page behind it`,
            );
          }
        });

        it('take their title from the frame-title attribute', async () => {
          const card = mounted.element('card');
          const original = card.frame!.title;
          card.setAttribute('frame-title', 'Pay with your card');
          await waitUntil(
            () => card.frame?.title === 'Pay with your card',
            `the title stayed ${String(card.frame?.title)}`,
          );
          card.removeAttribute('frame-title');
          await waitUntil(() => card.frame?.title === original, 'the default title did not return');
        });
      });

      if (setup.locale === 'en') {
        describe('contrast, measured in the frames', () => {
          const page = setup.page.background;
          const floating = setup.appearance?.labels === 'floating';
          const name = floating ? `${setup.theme} floating` : setup.theme;

          it('input text and placeholders: at least 4.5:1 on the input background', async () => {
            await setState(mounted, CARD_GROUP, 'filled');
            for (const [frame, id] of CARD_GROUP.fields) {
              const input = await frameComputed(frame, `#${id}`, ['color', 'background-color']);
              const background = input['background-color']!;
              assert.isTrue(isOpaque(background), `#${id}: translucent input ${background}`);
              assertContrast(`${name} #${id} text`, input.color!, background, 4.5);
            }
            await setState(mounted, CARD_GROUP, 'empty');
            for (const [frame, id] of CARD_GROUP.fields) {
              const input = await frameComputed(frame, `#${id}`, ['background-color']);
              const background = input['background-color']!;
              if (floating) {
                // An empty unfocused field shows its resting label where the placeholder would be.
                const label = await frameComputed(frame, `label[for="${id}"]`, ['color']);
                assertContrast(`${name} #${id} resting label`, label.color!, background, 4.5);
              } else {
                const placeholder = await frameComputed(
                  frame,
                  `#${id}`,
                  ['color'],
                  '::placeholder',
                );
                assertContrast(`${name} #${id} placeholder`, placeholder.color!, background, 4.5);
              }
            }
            if (floating) {
              // The placeholder appears once the field has the focus.
              const card = mounted.element('card');
              await tabIntoCard(mounted);
              try {
                const input = await frameComputed(CARD, '#number', ['background-color']);
                const placeholder = await frameComputed(
                  CARD,
                  '#number',
                  ['color'],
                  '::placeholder',
                );
                assertContrast(
                  `${name} #number placeholder (focused)`,
                  placeholder.color!,
                  input['background-color']!,
                  4.5,
                );
              } finally {
                card.blur();
                await settled([card]);
              }
            }
          });

          it('labels and error text: at least 4.5:1 where they sit; error borders 3:1', async () => {
            await setState(mounted, CARD_GROUP, 'invalid');
            const input = await frameComputed(CARD, '#number', [
              'border-bottom-color',
              'background-color',
            ]);
            const inputBackground = input['background-color']!;
            for (const [frame, id] of CARD_GROUP.fields) {
              const label = await frameComputed(frame, `label[for="${id}"]`, ['color']);
              // Labels above the inputs are drawn on the page, floating ones on the input.
              const under = floating ? inputBackground : page;
              const where = floating ? 'the input' : 'the page';
              assertContrast(`${name} label of #${id} on ${where}`, label.color!, under, 4.5);
            }
            const error = await frameComputed(CARD, '#error', ['color']);
            assert.isNotEmpty((await readField(CARD, '#number')).error, 'no error shown');
            assertContrast(`${name} error text on the page`, error.color!, page, 4.5);
            assertContrast(
              `${name} error text on the input background`,
              error.color!,
              inputBackground,
              4.5,
            );
            const border = input['border-bottom-color']!;
            assertContrast(`${name} invalid border on the input`, border, inputBackground, 3);
            assertContrast(`${name} invalid border on the page`, border, page, 3);
          });

          it('input borders: at least 3:1 against the input and the page', async () => {
            await setState(mounted, CARD_GROUP, 'empty');
            const input = await frameComputed(CARD, '#number', [
              'border-bottom-color',
              'background-color',
            ]);
            const border = input['border-bottom-color']!;
            assertContrast(
              `${name} input border on the input`,
              border,
              input['background-color']!,
              3,
            );
            assertContrast(`${name} input border on the page`, border, page, 3);
          });

          it('the focus ring: at least 3:1 against the input and the page', async () => {
            await setState(mounted, CARD_GROUP, 'empty');
            const card = mounted.element('card');
            await tabIntoCard(mounted);
            try {
              const focused = await frameComputed(CARD, '#number', [
                'border-bottom-color',
                'box-shadow',
                'outline-style',
                'outline-color',
                'background-color',
              ]);
              const ring = [focused['border-bottom-color']!, ...coloursIn(focused['box-shadow']!)];
              if (focused['outline-style'] !== 'none') ring.push(focused['outline-color']!);
              // The solid parts of the ring; a translucent halo around it only softens it.
              const solid = [...new Set(ring.filter(isOpaque))];
              assert.isNotEmpty(solid, `no solid focus ring: ${JSON.stringify(focused)}`);
              for (const colour of solid) {
                assertContrast(
                  `${name} focus ring on the input`,
                  colour,
                  focused['background-color']!,
                  3,
                );
                assertContrast(`${name} focus ring on the page`, colour, page, 3);
              }
            } finally {
              card.blur();
              await settled([card]);
            }
          });
        });
      }

      if (setup.id === 'stripe' || setup.dir === 'rtl') {
        describe('keyboard', () => {
          before(async () => {
            for (const group of GROUPS) await setState(mounted, group, 'empty');
          });

          it('Tab walks the card fields in visual order from the button before to the one after', async () => {
            const structure = await frameStructure(CARD);
            const order = CARD_GROUP.fields.map(([, id]) => id);
            assert.deepEqual(
              visualOrder(shownControls(structure), setup.dir),
              order,
              'visual order',
            );
            await walk(mounted.button('before'), CARD_GROUP.fields, mounted.button('after-card'));
          });

          if (setup.dir === 'ltr') {
            it('follows <html dir="rtl">: laid out right to left, Tab in the same order', async () => {
              const page = document.documentElement;
              const previous = page.getAttribute('dir');
              const order = CARD_GROUP.fields.map(([, id]) => id);
              page.dir = 'rtl';
              try {
                await waitUntil(
                  async () => (await frameStructure(CARD)).dir === 'rtl',
                  'the card frame stayed left to right',
                  { timeout: 3000 },
                );
                const structure = await frameStructure(CARD);
                assert.deepEqual(
                  visualOrder(shownControls(structure), 'rtl'),
                  order,
                  'visual order',
                );
                await walk(
                  mounted.button('before'),
                  CARD_GROUP.fields,
                  mounted.button('after-card'),
                );
              } finally {
                if (previous === null) page.removeAttribute('dir');
                else page.dir = previous;
                await waitUntil(
                  async () => (await frameStructure(CARD)).dir === 'ltr',
                  'the card frame stayed right to left',
                  { timeout: 3000 },
                );
              }
            });
          }

          it('Tab walks across the three split-field frames in page order', async () => {
            const tops = SPLIT_GROUP.frames.map(
              (frame) => owner(mounted, frame).getBoundingClientRect().top,
            );
            assert.deepEqual(
              tops,
              [...tops].sort((a, b) => a - b),
              'split fields stacked in order',
            );
            await walk(
              mounted.button('after-card'),
              SPLIT_GROUP.fields,
              mounted.button('after-split'),
            );
          });

          it('Tab walks the bank account fields in visual order', async () => {
            const structure = await frameStructure(BANK);
            const order = BANK_GROUP.fields.map(([, id]) => id);
            assert.deepEqual(
              visualOrder(shownControls(structure), setup.dir),
              order,
              'visual order',
            );
            await walk(
              mounted.button('after-split'),
              BANK_GROUP.fields,
              mounted.button('after-bank'),
            );
          });

          it('Escape in a field fires tessera-escape on its element', async () => {
            const firsts: FieldRef[] = [
              CARD_GROUP.fields[0]!,
              ...SPLIT_GROUP.fields,
              BANK_GROUP.fields[0]!,
            ];
            for (const [frame, id] of firsts) {
              const el = owner(mounted, frame);
              let escaped: string | null = null;
              el.addEventListener(
                'tessera-escape',
                (event) => {
                  escaped = event.detail.elementType;
                },
                { once: true },
              );
              await pressInFrame(frame, `#${id}`, 'Escape');
              await waitUntil(() => escaped !== null, `Escape in ${frame.type} #${id}: no event`, {
                timeout: 3000,
              });
              assert.equal(escaped, frame.type);
              el.blur();
            }
          });
        });
      }

      if (setup.id === 'stripe') {
        describe('an outer <label for>', () => {
          before(async () => {
            await setState(mounted, CARD_GROUP, 'empty');
          });

          it('focuses the first field when clicked with the mouse', async () => {
            for (let round = 1; round <= 5; round++) {
              await leaveCard(mounted);
              mounted.label.scrollIntoView({ block: 'center' });
              const box = mounted.label.getBoundingClientRect();
              await sendMouse({
                type: 'click',
                position: [
                  Math.round(box.left + box.width / 2),
                  Math.round(box.top + box.height / 2),
                ],
              });
              await focusReaches(CARD, '#number', `label click, round ${String(round)}`);
            }
          });

          it('focuses the first field on label.click()', async () => {
            for (let round = 1; round <= 5; round++) {
              await leaveCard(mounted);
              mounted.label.click();
              await focusReaches(CARD, '#number', `label.click(), round ${String(round)}`);
            }
          });

          // The page's focus of the iframe crosses processes and could land after the frame
          // focused its field, taking the focus off it again (3 to 5 rounds in 20 did so, before
          // the frame took it back when that happens).
          it('focuses the first field on label.click() just after the focus left the frame', async () => {
            const card = mounted.element('card');
            for (let round = 1; round <= 12; round++) {
              await tabIntoCard(mounted);
              card.blur();
              await settled([card]);
              // The frame document still has the focus; the page takes it, and the label is
              // activated right away.
              mounted.button('before').focus();
              mounted.label.click();
              await focusReaches(CARD, '#number', `label.click(), round ${String(round)}`);
            }
          });
        });

        describe('motion and forced colours', () => {
          afterEach(async () => {
            await emulateMedia({});
            mounted.element('card').blur();
          });

          it('stops transitions with prefers-reduced-motion: reduce', async () => {
            const before = await frameComputed(CARD, '#number', ['transition-duration']);
            assert.isTrue(
              durations(before['transition-duration']!).some((seconds) => seconds > 0),
              `no transition to stop: ${before['transition-duration']!}`,
            );
            await emulateMedia({ reducedMotion: 'reduce' });
            for (const [frame, id] of [
              ...CARD_GROUP.fields,
              ...SPLIT_GROUP.fields,
              ...BANK_GROUP.fields,
            ]) {
              const style = await frameComputed(frame, `#${id}`, ['transition-duration']);
              assert.deepEqual(
                durations(style['transition-duration']!).filter((seconds) => seconds > 0),
                [],
                `${frame.type} #${id}: transition-duration ${style['transition-duration']!}`,
              );
            }
          });

          it('outlines the focused input with forced-colors: active', async () => {
            await emulateMedia({ forcedColors: 'active' });
            await tabIntoCard(mounted);
            const style = await frameComputed(CARD, '#number', ['outline-style', 'outline-width']);
            assert.notEqual(style['outline-style'], 'none', 'no outline in forced colours');
            assert.notEqual(style['outline-width'], '0px', 'a zero-width outline');
          });

          it('stops transitions with appearance.disableAnimations', async () => {
            const card = mounted.element('card');
            card.appearance = { disableAnimations: true };
            try {
              await waitUntil(
                async () => {
                  const style = await frameComputed(CARD, '#number', ['transition-duration']);
                  return durations(style['transition-duration']!).every((seconds) => seconds === 0);
                },
                'transitions still run with disableAnimations',
                { timeout: 3000 },
              );
            } finally {
              card.appearance = undefined;
              await settled([card]);
            }
          });
        });
      }
    });
  }
});
