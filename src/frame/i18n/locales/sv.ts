import type { Catalogue } from '../catalogue.js';

/** Swedish (Svenska). */
const sv: Catalogue = {
  fields: {
    cardNumber: { label: 'Kortnummer', placeholder: '1234 1234 1234 1234' },
    expiry: { label: 'Utgångsdatum', placeholder: 'MM / ÅÅ' },
    cvc: { label: 'Säkerhetskod', placeholder: 'CVC' },
    postalCode: { label: 'Postnummer', placeholder: 'Postnummer' },
    accountHolderName: { label: 'Kontoinnehavarens namn', placeholder: 'För- och efternamn' },
    routingNumber: { label: 'Routingnummer', placeholder: '' },
    accountNumber: { label: 'Kontonummer', placeholder: '' },
  },
  accountHolderType: {
    label: 'Typ av kontoinnehavare',
    individual: 'Privatperson',
    company: 'Företag',
  },
  cvcHint: {
    back: '3-siffrig kod på baksidan av ditt kort',
    front: '4-siffrig kod på framsidan av ditt kort',
  },
  titles: {
    card: 'Kortbetalning',
    cardNumber: 'Kortnummer',
    cardExpiry: 'Kortets utgångsdatum',
    cardCvc: 'Kortets säkerhetskod',
    bankAccount: 'Bankkonto',
    controller: 'Betalningsanslutning',
  },
  messages: {
    incomplete_number: 'Ditt kortnummer är ofullständigt.',
    invalid_number: 'Ditt kortnummer är ogiltigt.',
    incomplete_expiry: 'Kortets utgångsdatum är ofullständigt.',
    invalid_expiry_year_past: 'Kortets utgångsår har redan passerat.',
    invalid_expiry_month_past: 'Kortets utgångsdatum har redan passerat.',
    invalid_expiry_year: 'Kortets utgångsår är ogiltigt.',
    invalid_expiry_month: 'Kortets utgångsmånad är ogiltig.',
    incomplete_cvc: 'Kortets säkerhetskod är ofullständig.',
    invalid_cvc: 'Kortets säkerhetskod är ogiltig.',
    incomplete_zip: 'Ditt postnummer är ofullständigt.',
    invalid_zip: 'Ditt postnummer är ogiltigt.',
    incomplete_routing_number: 'Ditt routingnummer är ofullständigt.',
    invalid_routing_number: 'Ditt routingnummer är ogiltigt.',
    incomplete_account_number: 'Ditt kontonummer är ofullständigt.',
    invalid_account_number: 'Ditt kontonummer är ogiltigt.',
    incomplete_account_holder_name: 'Ange kontoinnehavarens namn.',
    non_ascii_digits: 'Använd siffrorna 0–9.',
    incomplete: 'Dina betalningsuppgifter är ofullständiga.',
    invalid: 'Dina betalningsuppgifter är ogiltiga.',
    api_connection_error:
      'Vi kunde inte nå betalningsservern. Kontrollera din anslutning och försök igen.',
    unexpected_reply: 'Betalningsservern skickade ett oväntat svar. Försök igen.',
    frame_not_configured: 'Betalningsformuläret laddas fortfarande. Försök igen om en stund.',
    personal_id_number_missing: 'Ange personnumret.',
    frame_not_ready: 'Betalningsformuläret är inte klart än. Försök igen.',
    frame_timeout: 'Betalningsformuläret svarade inte i tid. Försök igen.',
    frame_no_token: 'Betalningsformuläret skickade ett oväntat svar. Försök igen.',
    element_removed: 'Betalningsformuläret har tagits bort från sidan.',
    element_not_mounted: 'Betalningsformuläret finns inte på sidan.',
    form_incomplete_card: 'Ange dina kortuppgifter.',
    form_incomplete_number: 'Ange ditt kortnummer.',
    form_incomplete_expiry: 'Ange kortets utgångsdatum.',
    form_incomplete_cvc: 'Ange kortets säkerhetskod.',
    form_incomplete_bank_account: 'Ange dina bankkontouppgifter.',
  },
};

export default sv;
