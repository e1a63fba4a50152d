/** Bank names by US routing number, for the bank_account object's `bank_name`. */
const BANK_NAMES: ReadonlyMap<string, string> = new Map([['110000000', 'STRIPE TEST BANK']]);

/** The bank's name for a routing number, or null when Tessera does not know it. */
export function bankNameFor(routingNumber: string): string | null {
  return BANK_NAMES.get(routingNumber) ?? null;
}
