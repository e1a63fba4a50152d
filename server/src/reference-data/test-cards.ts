/**
 * Stripe's documented test card numbers. In live mode they are refused as Stripe refuses them
 * (`card_declined`, `test_mode_live_card`).
 */
const TEST_CARD_NUMBERS: ReadonlySet<string> = new Set([
  '4242424242424242',
  '4000056655665556',
  '5555555555554444',
  '2223003122003222',
  '5200828282828210',
  '5105105105105100',
  '378282246310005',
  '371449635398431',
  '6011111111111117',
  '6011000990139424',
  '6011981111111113',
  '3056930009020004',
  '36227206271667',
  '3566002020360505',
  '6200000000000005',
  '6200000000000047',
  '6205500000000000004',
  '4000000000000002',
  '4000000000009995',
  '4000000000000069',
  '4000000000000127',
  '4000000000000119',
]);

/** True for one of Stripe's documented test card numbers. */
export function isTestCardNumber(digits: string): boolean {
  return TEST_CARD_NUMBERS.has(digits);
}
