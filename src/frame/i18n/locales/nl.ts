import type { Catalogue } from '../catalogue.js';

/** Dutch (Nederlands). */
const nl: Catalogue = {
  fields: {
    cardNumber: { label: 'Kaartnummer', placeholder: '1234 1234 1234 1234' },
    expiry: { label: 'Vervaldatum', placeholder: 'MM / JJ' },
    cvc: { label: 'Beveiligingscode', placeholder: 'CVC' },
    postalCode: { label: 'Postcode', placeholder: 'Postcode' },
    accountHolderName: { label: 'Naam rekeninghouder', placeholder: 'Volledige naam' },
    routingNumber: { label: 'Routingnummer', placeholder: '' },
    accountNumber: { label: 'Rekeningnummer', placeholder: '' },
  },
  accountHolderType: {
    label: 'Type rekeninghouder',
    individual: 'Particulier',
    company: 'Bedrijf',
  },
  cvcHint: {
    back: 'Code van 3 cijfers op de achterkant van je kaart',
    front: 'Code van 4 cijfers op de voorkant van je kaart',
  },
  titles: {
    card: 'Kaartbetaling',
    cardNumber: 'Kaartnummer',
    cardExpiry: 'Vervaldatum van kaart',
    cardCvc: 'Beveiligingscode van kaart',
    bankAccount: 'Bankrekening',
    controller: 'Betaalverbinding',
  },
  messages: {
    incomplete_number: 'Je kaartnummer is onvolledig.',
    invalid_number: 'Je kaartnummer is ongeldig.',
    incomplete_expiry: 'De vervaldatum van je kaart is onvolledig.',
    invalid_expiry_year_past: 'Het vervaljaar van je kaart ligt in het verleden.',
    invalid_expiry_month_past: 'De vervaldatum van je kaart ligt in het verleden.',
    invalid_expiry_year: 'Het vervaljaar van je kaart is ongeldig.',
    invalid_expiry_month: 'De vervalmaand van je kaart is ongeldig.',
    incomplete_cvc: 'De beveiligingscode van je kaart is onvolledig.',
    invalid_cvc: 'De beveiligingscode van je kaart is ongeldig.',
    incomplete_zip: 'Je postcode is onvolledig.',
    invalid_zip: 'Je postcode is ongeldig.',
    incomplete_routing_number: 'Je routingnummer is onvolledig.',
    invalid_routing_number: 'Je routingnummer is ongeldig.',
    incomplete_account_number: 'Je rekeningnummer is onvolledig.',
    invalid_account_number: 'Je rekeningnummer is ongeldig.',
    incomplete_account_holder_name: 'Vul de naam van de rekeninghouder in.',
    non_ascii_digits: 'Gebruik de cijfers 0–9.',
    incomplete: 'Je betaalgegevens zijn onvolledig.',
    invalid: 'Je betaalgegevens zijn ongeldig.',
    api_connection_error:
      'We konden de betaalserver niet bereiken. Controleer je verbinding en probeer het opnieuw.',
    unexpected_reply: 'De betaalserver gaf een onverwacht antwoord. Probeer het opnieuw.',
    frame_not_configured: 'Het betaalformulier wordt nog geladen. Probeer het zo opnieuw.',
    personal_id_number_missing: 'Vul het persoonlijk identificatienummer in.',
    frame_not_ready: 'Het betaalformulier is nog niet klaar. Probeer het opnieuw.',
    frame_timeout: 'Het betaalformulier reageerde niet op tijd. Probeer het opnieuw.',
    frame_no_token: 'Het betaalformulier gaf een onverwacht antwoord. Probeer het opnieuw.',
    element_removed: 'Het betaalformulier is van de pagina verwijderd.',
    element_not_mounted: 'Het betaalformulier staat niet op de pagina.',
    form_incomplete_card: 'Vul je kaartgegevens in.',
    form_incomplete_number: 'Vul je kaartnummer in.',
    form_incomplete_expiry: 'Vul de vervaldatum van je kaart in.',
    form_incomplete_cvc: 'Vul de beveiligingscode van je kaart in.',
    form_incomplete_bank_account: 'Vul je bankrekeninggegevens in.',
  },
};

export default nl;
