import type { Catalogue } from '../catalogue.js';

/** Italian (Italiano). */
const it: Catalogue = {
  fields: {
    cardNumber: { label: 'Numero della carta', placeholder: '1234 1234 1234 1234' },
    expiry: { label: 'Data di scadenza', placeholder: 'MM / AA' },
    cvc: { label: 'Codice di sicurezza', placeholder: 'CVC' },
    postalCode: { label: 'Codice postale', placeholder: 'CAP' },
    accountHolderName: { label: 'Nome dell’intestatario del conto', placeholder: 'Nome e cognome' },
    routingNumber: { label: 'Numero di routing', placeholder: '' },
    accountNumber: { label: 'Numero di conto', placeholder: '' },
  },
  accountHolderType: {
    label: 'Tipo di intestatario del conto',
    individual: 'Privato',
    company: 'Azienda',
  },
  cvcHint: {
    back: 'Codice di 3 cifre sul retro della carta',
    front: 'Codice di 4 cifre sul fronte della carta',
  },
  titles: {
    card: 'Pagamento con carta',
    cardNumber: 'Numero della carta',
    cardExpiry: 'Scadenza della carta',
    cardCvc: 'Codice di sicurezza della carta',
    bankAccount: 'Conto bancario',
    controller: 'Connessione di pagamento',
  },
  messages: {
    incomplete_number: 'Il numero della carta è incompleto.',
    invalid_number: 'Il numero della carta non è valido.',
    incomplete_expiry: 'La data di scadenza della carta è incompleta.',
    invalid_expiry_year_past: 'L’anno di scadenza della carta è già passato.',
    invalid_expiry_month_past: 'La data di scadenza della carta è già passata.',
    invalid_expiry_year: 'L’anno di scadenza della carta non è valido.',
    invalid_expiry_month: 'Il mese di scadenza della carta non è valido.',
    incomplete_cvc: 'Il codice di sicurezza della carta è incompleto.',
    invalid_cvc: 'Il codice di sicurezza della carta non è valido.',
    incomplete_zip: 'Il codice postale è incompleto.',
    invalid_zip: 'Il codice postale non è valido.',
    incomplete_routing_number: 'Il numero di routing è incompleto.',
    invalid_routing_number: 'Il numero di routing non è valido.',
    incomplete_account_number: 'Il numero di conto è incompleto.',
    invalid_account_number: 'Il numero di conto non è valido.',
    incomplete_account_holder_name: 'Inserisci il nome dell’intestatario del conto.',
    non_ascii_digits: 'Usa le cifre da 0 a 9.',
    incomplete: 'I dati di pagamento sono incompleti.',
    invalid: 'I dati di pagamento non sono validi.',
    api_connection_error:
      'Impossibile raggiungere il server di pagamento. Controlla la connessione e riprova.',
    unexpected_reply: 'Il server di pagamento ha inviato una risposta imprevista. Riprova.',
    frame_not_configured: 'Il modulo di pagamento è ancora in caricamento. Riprova tra un momento.',
    personal_id_number_missing: 'Inserisci il numero di identificazione personale.',
    frame_not_ready: 'Il modulo di pagamento non è ancora pronto. Riprova.',
    frame_timeout: 'Il modulo di pagamento non ha risposto in tempo. Riprova.',
    frame_no_token: 'Il modulo di pagamento ha inviato una risposta imprevista. Riprova.',
    element_removed: 'Il modulo di pagamento è stato rimosso dalla pagina.',
    element_not_mounted: 'Il modulo di pagamento non è presente nella pagina.',
    form_incomplete_card: 'Inserisci i dati della carta.',
    form_incomplete_number: 'Inserisci il numero della carta.',
    form_incomplete_expiry: 'Inserisci la data di scadenza della carta.',
    form_incomplete_cvc: 'Inserisci il codice di sicurezza della carta.',
    form_incomplete_bank_account: 'Inserisci i dati del conto bancario.',
  },
};

export default it;
