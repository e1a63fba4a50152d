import type { Catalogue } from '../catalogue.js';

/** Danish (Dansk). */
const da: Catalogue = {
  fields: {
    cardNumber: { label: 'Kortnummer', placeholder: '1234 1234 1234 1234' },
    expiry: { label: 'Udløbsdato', placeholder: 'MM / ÅÅ' },
    cvc: { label: 'Sikkerhedskode', placeholder: 'CVC' },
    postalCode: { label: 'Postnummer', placeholder: 'Postnummer' },
    accountHolderName: { label: 'Kontohaverens navn', placeholder: 'Fulde navn' },
    routingNumber: { label: 'Routingnummer', placeholder: '' },
    accountNumber: { label: 'Kontonummer', placeholder: '' },
  },
  accountHolderType: {
    label: 'Kontohavertype',
    individual: 'Privatperson',
    company: 'Virksomhed',
  },
  cvcHint: {
    back: '3-cifret kode på bagsiden af dit kort',
    front: '4-cifret kode på forsiden af dit kort',
  },
  titles: {
    card: 'Kortbetaling',
    cardNumber: 'Kortnummer',
    cardExpiry: 'Kortets udløbsdato',
    cardCvc: 'Kortets sikkerhedskode',
    bankAccount: 'Bankkonto',
    controller: 'Betalingsforbindelse',
  },
  messages: {
    incomplete_number: 'Dit kortnummer er ufuldstændigt.',
    invalid_number: 'Dit kortnummer er ugyldigt.',
    incomplete_expiry: 'Dit korts udløbsdato er ufuldstændig.',
    invalid_expiry_year_past: 'Dit korts udløbsår er allerede passeret.',
    invalid_expiry_month_past: 'Dit korts udløbsdato er allerede passeret.',
    invalid_expiry_year: 'Dit korts udløbsår er ugyldigt.',
    invalid_expiry_month: 'Dit korts udløbsmåned er ugyldig.',
    incomplete_cvc: 'Dit korts sikkerhedskode er ufuldstændig.',
    invalid_cvc: 'Dit korts sikkerhedskode er ugyldig.',
    incomplete_zip: 'Dit postnummer er ufuldstændigt.',
    invalid_zip: 'Dit postnummer er ugyldigt.',
    incomplete_routing_number: 'Dit routingnummer er ufuldstændigt.',
    invalid_routing_number: 'Dit routingnummer er ugyldigt.',
    incomplete_account_number: 'Dit kontonummer er ufuldstændigt.',
    invalid_account_number: 'Dit kontonummer er ugyldigt.',
    incomplete_account_holder_name: 'Angiv kontohaverens navn.',
    non_ascii_digits: 'Brug cifrene 0–9.',
    incomplete: 'Dine betalingsoplysninger er ufuldstændige.',
    invalid: 'Dine betalingsoplysninger er ugyldige.',
    api_connection_error:
      'Vi kunne ikke få forbindelse til betalingsserveren. Tjek din forbindelse, og prøv igen.',
    unexpected_reply: 'Betalingsserveren sendte et uventet svar. Prøv igen.',
    frame_not_configured: 'Betalingsformularen indlæses stadig. Prøv igen om lidt.',
    personal_id_number_missing: 'Angiv personnummeret.',
    frame_not_ready: 'Betalingsformularen er ikke klar endnu. Prøv igen.',
    frame_timeout: 'Betalingsformularen svarede ikke i tide. Prøv igen.',
    frame_no_token: 'Betalingsformularen sendte et uventet svar. Prøv igen.',
    element_removed: 'Betalingsformularen er fjernet fra siden.',
    element_not_mounted: 'Betalingsformularen er ikke på siden.',
    form_incomplete_card: 'Angiv dine kortoplysninger.',
    form_incomplete_number: 'Angiv dit kortnummer.',
    form_incomplete_expiry: 'Angiv dit korts udløbsdato.',
    form_incomplete_cvc: 'Angiv dit korts sikkerhedskode.',
    form_incomplete_bank_account: 'Angiv dine bankkontooplysninger.',
  },
};

export default da;
