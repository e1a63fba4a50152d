/** `prefix` with its Luhn check digit appended: builds card numbers for tests and attacks. */
export function withCheckDigit(prefix: string): string {
  let sum = 0;
  for (let i = 0; i < prefix.length; i++) {
    let digit = Number(prefix[prefix.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return prefix + String((10 - (sum % 10)) % 10);
}

/** Whether `number` passes the Luhn check. */
export function luhnValid(number: string): boolean {
  return withCheckDigit(number.slice(0, -1)) === number;
}
