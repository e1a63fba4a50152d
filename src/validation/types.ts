/**
 * The result every validator returns, in card-validator's shape: `isPotentiallyValid` means
 * the value could still become valid as the user keeps typing, so a UI shows no error yet.
 */
export interface Verification<Reason extends string = string> {
  /** The value is complete and valid. */
  isValid: boolean;
  /** The value is valid or is a prefix of a valid value. */
  isPotentiallyValid: boolean;
  /** Why the value is not valid; absent when it is. */
  reason?: Reason;
}
