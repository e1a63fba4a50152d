/**
 * The frame's own card glyphs, drawn for Tessera (no third-party source): a generic card, shown
 * before the brand is known, and the CVC hint in two variants that show where the security code
 * is printed: the back of a card with a magnetic stripe, a signature strip and three digits
 * highlighted (most brands), and the front of a card with four digits highlighted at the upper
 * right (American Express). Drawn on a 32×20 grid, one fill colour (`currentColor`): the card
 * outline is a filled ring (two rounded rectangles, fill-rule evenodd), the highlighted digits a
 * filled rounded rectangle with the digits cut out as dots. These ship in the frame's first
 * script; the brand marks (`brand-marks.ts`) load later.
 */
import type { Mark } from './brand-marks.js';

/** The card outline: a rounded rectangle 30×18, 1.5 thick. */
const RING =
  'M3.5 1h25A2.5 2.5 0 0 1 31 3.5v13a2.5 2.5 0 0 1-2.5 2.5h-25A2.5 2.5 0 0 1 1 16.5v-13A2.5 2.5 0 0 1 3.5 1zm0 1.5a1 1 0 0 0-1 1v13a1 1 0 0 0 1 1h25a1 1 0 0 0 1-1v-13a1 1 0 0 0-1-1z';

/** A card front: outline, chip and the number in four groups. */
export const GENERIC_CARD: Mark = {
  viewBox: '0 0 32 20',
  paths: [
    RING,
    'M6 5h4a1 1 0 0 1 1 1v3a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zM5 13h4.5v1.5H5zm6 0h4.5v1.5H11zm6 0h4.5v1.5H17zm6 0h4.5v1.5H23z',
  ],
  evenOdd: true,
};

/** A card back: outline, magnetic stripe, signature strip and the three CVC digits highlighted. */
export const CVC_BACK: Mark = {
  viewBox: '0 0 32 20',
  paths: [
    RING,
    'M1 4.5h30V8H1z',
    'M5 10.5h13.5v4H5zm1 1v2h11.5v-2z',
    'M21 10h6a1.5 1.5 0 0 1 1.5 1.5v2A1.5 1.5 0 0 1 27 15h-6a1.5 1.5 0 0 1-1.5-1.5v-2A1.5 1.5 0 0 1 21 10zm0 2.5a.8.8 0 0 0 1.6 0 .8.8 0 0 0-1.6 0zm2.2 0a.8.8 0 0 0 1.6 0 .8.8 0 0 0-1.6 0zm2.2 0a.8.8 0 0 0 1.6 0 .8.8 0 0 0-1.6 0z',
  ],
  evenOdd: true,
};

/** An American Express front: outline, the number (4-6-5) and the four CID digits highlighted. */
export const CVC_FRONT: Mark = {
  viewBox: '0 0 32 20',
  paths: [
    RING,
    'M19 4h7.5A1.5 1.5 0 0 1 28 5.5v2A1.5 1.5 0 0 1 26.5 9H19a1.5 1.5 0 0 1-1.5-1.5v-2A1.5 1.5 0 0 1 19 4zm-.65 2.5a.8.8 0 0 0 1.6 0 .8.8 0 0 0-1.6 0zm2.4 0a.8.8 0 0 0 1.6 0 .8.8 0 0 0-1.6 0zm2.4 0a.8.8 0 0 0 1.6 0 .8.8 0 0 0-1.6 0zm2.4 0a.8.8 0 0 0 1.6 0 .8.8 0 0 0-1.6 0z',
    'M5 13h5v1.5H5zm6.5 0H19v1.5h-7.5zm9 0H27v1.5h-6.5z',
  ],
  evenOdd: true,
};
