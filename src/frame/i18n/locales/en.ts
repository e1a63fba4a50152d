import type { Catalogue } from '../catalogue.js';

/** English (United States): the reference catalogue, and the fallback. Stripe.js's wording. */
const en: Catalogue = {
  fields: {
    cardNumber: { label: 'Card number', placeholder: '1234 1234 1234 1234' },
    expiry: { label: 'Expiration date', placeholder: 'MM / YY' },
    cvc: { label: 'Security code', placeholder: 'CVC' },
    postalCode: { label: 'ZIP / Postal code', placeholder: 'ZIP' },
    accountHolderName: { label: 'Account holder name', placeholder: 'Full name' },
    routingNumber: { label: 'Routing number', placeholder: '' },
    accountNumber: { label: 'Account number', placeholder: '' },
  },
  accountHolderType: {
    label: 'Account holder type',
    individual: 'Individual',
    company: 'Company',
  },
  cvcHint: {
    back: '3-digit code on the back of your card',
    front: '4-digit code on the front of your card',
  },
  titles: {
    card: 'Card payment',
    cardNumber: 'Card number',
    cardExpiry: 'Card expiration date',
    cardCvc: 'Card security code',
    bankAccount: 'Bank account',
    controller: 'Payment connection',
  },
  messages: {
    incomplete_number: 'Your card number is incomplete.',
    invalid_number: 'Your card number is invalid.',
    incomplete_expiry: "Your card's expiration date is incomplete.",
    invalid_expiry_year_past: "Your card's expiration year is in the past.",
    invalid_expiry_month_past: "Your card's expiration date is in the past.",
    invalid_expiry_year: "Your card's expiration year is invalid.",
    invalid_expiry_month: "Your card's expiration month is invalid.",
    incomplete_cvc: "Your card's security code is incomplete.",
    invalid_cvc: "Your card's security code is invalid.",
    incomplete_zip: 'Your postal code is incomplete.',
    invalid_zip: 'Your postal code is invalid.',
    incomplete_routing_number: 'Your routing number is incomplete.',
    invalid_routing_number: 'Your routing number is invalid.',
    incomplete_account_number: 'Your account number is incomplete.',
    invalid_account_number: 'Your account number is invalid.',
    incomplete_account_holder_name: "Enter the account holder's name.",
    non_ascii_digits: 'Use the digits 0–9.',
    incomplete: 'Your payment details are incomplete.',
    invalid: 'Your payment details are invalid.',
    api_connection_error:
      'We could not reach the payment server. Check your connection and try again.',
    unexpected_reply: 'The payment server sent an unexpected reply. Try again.',
    frame_not_configured: 'The payment form is still loading. Try again in a moment.',
    personal_id_number_missing: 'Enter the personal ID number.',
    frame_not_ready: 'The payment form is not ready yet. Try again.',
    frame_timeout: 'The payment form did not answer in time. Try again.',
    frame_no_token: 'The payment form sent an unexpected reply. Try again.',
    element_removed: 'The payment form was removed from the page.',
    element_not_mounted: 'The payment form is not on the page.',
    form_incomplete_card: 'Enter your card details.',
    form_incomplete_number: 'Enter your card number.',
    form_incomplete_expiry: "Enter your card's expiration date.",
    form_incomplete_cvc: "Enter your card's security code.",
    form_incomplete_bank_account: 'Enter your bank account details.',
  },
};

export default en;
