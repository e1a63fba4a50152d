import type { Catalogue } from '../catalogue.js';

/** Norwegian Bokmål (Norsk bokmål). */
const nb: Catalogue = {
  fields: {
    cardNumber: { label: 'Kortnummer', placeholder: '1234 1234 1234 1234' },
    expiry: { label: 'Utløpsdato', placeholder: 'MM / ÅÅ' },
    cvc: { label: 'Sikkerhetskode', placeholder: 'CVC' },
    postalCode: { label: 'Postnummer', placeholder: 'Postnummer' },
    accountHolderName: { label: 'Kontoinnehaverens navn', placeholder: 'Fullt navn' },
    routingNumber: { label: 'Routingnummer', placeholder: '' },
    accountNumber: { label: 'Kontonummer', placeholder: '' },
  },
  accountHolderType: {
    label: 'Type kontoinnehaver',
    individual: 'Privatperson',
    company: 'Bedrift',
  },
  cvcHint: {
    back: '3-sifret kode på baksiden av kortet ditt',
    front: '4-sifret kode på forsiden av kortet ditt',
  },
  titles: {
    card: 'Kortbetaling',
    cardNumber: 'Kortnummer',
    cardExpiry: 'Kortets utløpsdato',
    cardCvc: 'Kortets sikkerhetskode',
    bankAccount: 'Bankkonto',
    controller: 'Betalingstilkobling',
  },
  messages: {
    incomplete_number: 'Kortnummeret ditt er ufullstendig.',
    invalid_number: 'Kortnummeret ditt er ugyldig.',
    incomplete_expiry: 'Utløpsdatoen til kortet ditt er ufullstendig.',
    invalid_expiry_year_past: 'Utløpsåret til kortet ditt har allerede passert.',
    invalid_expiry_month_past: 'Utløpsdatoen til kortet ditt har allerede passert.',
    invalid_expiry_year: 'Utløpsåret til kortet ditt er ugyldig.',
    invalid_expiry_month: 'Utløpsmåneden til kortet ditt er ugyldig.',
    incomplete_cvc: 'Sikkerhetskoden til kortet ditt er ufullstendig.',
    invalid_cvc: 'Sikkerhetskoden til kortet ditt er ugyldig.',
    incomplete_zip: 'Postnummeret ditt er ufullstendig.',
    invalid_zip: 'Postnummeret ditt er ugyldig.',
    incomplete_routing_number: 'Routingnummeret ditt er ufullstendig.',
    invalid_routing_number: 'Routingnummeret ditt er ugyldig.',
    incomplete_account_number: 'Kontonummeret ditt er ufullstendig.',
    invalid_account_number: 'Kontonummeret ditt er ugyldig.',
    incomplete_account_holder_name: 'Skriv inn navnet på kontoinnehaveren.',
    non_ascii_digits: 'Bruk sifrene 0–9.',
    incomplete: 'Betalingsopplysningene dine er ufullstendige.',
    invalid: 'Betalingsopplysningene dine er ugyldige.',
    api_connection_error:
      'Vi fikk ikke kontakt med betalingsserveren. Sjekk tilkoblingen din og prøv igjen.',
    unexpected_reply: 'Betalingsserveren sendte et uventet svar. Prøv igjen.',
    frame_not_configured: 'Betalingsskjemaet lastes fortsatt inn. Prøv igjen om litt.',
    personal_id_number_missing: 'Skriv inn fødselsnummeret.',
    frame_not_ready: 'Betalingsskjemaet er ikke klart ennå. Prøv igjen.',
    frame_timeout: 'Betalingsskjemaet svarte ikke i tide. Prøv igjen.',
    frame_no_token: 'Betalingsskjemaet sendte et uventet svar. Prøv igjen.',
    element_removed: 'Betalingsskjemaet er fjernet fra siden.',
    element_not_mounted: 'Betalingsskjemaet er ikke på siden.',
    form_incomplete_card: 'Skriv inn kortopplysningene dine.',
    form_incomplete_number: 'Skriv inn kortnummeret ditt.',
    form_incomplete_expiry: 'Skriv inn utløpsdatoen til kortet ditt.',
    form_incomplete_cvc: 'Skriv inn sikkerhetskoden til kortet ditt.',
    form_incomplete_bank_account: 'Skriv inn bankkontoopplysningene dine.',
  },
};

export default nb;
