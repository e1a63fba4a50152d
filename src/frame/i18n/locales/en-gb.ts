import type { Catalogue } from '../catalogue.js';
import en from './en.js';

/** English (United Kingdom): American English but for the expiry date and the postcode. */
const enGB: Catalogue = {
  ...en,
  fields: {
    ...en.fields,
    expiry: { label: 'Expiry date', placeholder: 'MM / YY' },
    postalCode: { label: 'Postcode', placeholder: 'Postcode' },
  },
  titles: { ...en.titles, cardExpiry: 'Card expiry date' },
  messages: {
    ...en.messages,
    incomplete_expiry: "Your card's expiry date is incomplete.",
    invalid_expiry_year_past: "Your card's expiry year is in the past.",
    invalid_expiry_month_past: "Your card's expiry date is in the past.",
    invalid_expiry_year: "Your card's expiry year is invalid.",
    invalid_expiry_month: "Your card's expiry month is invalid.",
    incomplete_zip: 'Your postcode is incomplete.',
    invalid_zip: 'Your postcode is invalid.',
    form_incomplete_expiry: "Enter your card's expiry date.",
  },
};

export default enGB;
