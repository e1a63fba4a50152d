import type { Catalogue } from '../catalogue.js';

/** Czech (Čeština). */
const cs: Catalogue = {
  fields: {
    cardNumber: { label: 'Číslo karty', placeholder: '1234 1234 1234 1234' },
    expiry: { label: 'Datum expirace', placeholder: 'MM / RR' },
    cvc: { label: 'Bezpečnostní kód', placeholder: 'CVC' },
    postalCode: { label: 'PSČ', placeholder: 'PSČ' },
    accountHolderName: { label: 'Jméno majitele účtu', placeholder: 'Jméno a příjmení' },
    routingNumber: { label: 'Směrovací číslo banky', placeholder: '' },
    accountNumber: { label: 'Číslo účtu', placeholder: '' },
  },
  accountHolderType: {
    label: 'Typ majitele účtu',
    individual: 'Fyzická osoba',
    company: 'Společnost',
  },
  cvcHint: {
    back: 'Trojmístný kód na zadní straně karty',
    front: 'Čtyřmístný kód na přední straně karty',
  },
  titles: {
    card: 'Platba kartou',
    cardNumber: 'Číslo karty',
    cardExpiry: 'Datum expirace karty',
    cardCvc: 'Bezpečnostní kód karty',
    bankAccount: 'Bankovní účet',
    controller: 'Platební spojení',
  },
  messages: {
    incomplete_number: 'Číslo karty je neúplné.',
    invalid_number: 'Číslo karty je neplatné.',
    incomplete_expiry: 'Datum expirace karty je neúplné.',
    invalid_expiry_year_past: 'Rok expirace karty už uplynul.',
    invalid_expiry_month_past: 'Datum expirace karty už uplynulo.',
    invalid_expiry_year: 'Rok expirace karty je neplatný.',
    invalid_expiry_month: 'Měsíc expirace karty je neplatný.',
    incomplete_cvc: 'Bezpečnostní kód karty je neúplný.',
    invalid_cvc: 'Bezpečnostní kód karty je neplatný.',
    incomplete_zip: 'PSČ je neúplné.',
    invalid_zip: 'PSČ je neplatné.',
    incomplete_routing_number: 'Směrovací číslo banky je neúplné.',
    invalid_routing_number: 'Směrovací číslo banky je neplatné.',
    incomplete_account_number: 'Číslo účtu je neúplné.',
    invalid_account_number: 'Číslo účtu je neplatné.',
    incomplete_account_holder_name: 'Zadejte jméno majitele účtu.',
    non_ascii_digits: 'Použijte číslice 0–9.',
    incomplete: 'Platební údaje jsou neúplné.',
    invalid: 'Platební údaje jsou neplatné.',
    api_connection_error:
      'Nepodařilo se spojit s platebním serverem. Zkontrolujte připojení a zkuste to znovu.',
    unexpected_reply: 'Platební server vrátil neočekávanou odpověď. Zkuste to znovu.',
    frame_not_configured: 'Platební formulář se ještě načítá. Zkuste to za chvíli znovu.',
    personal_id_number_missing: 'Zadejte osobní identifikační číslo.',
    frame_not_ready: 'Platební formulář ještě není připraven. Zkuste to znovu.',
    frame_timeout: 'Platební formulář neodpověděl včas. Zkuste to znovu.',
    frame_no_token: 'Platební formulář vrátil neočekávanou odpověď. Zkuste to znovu.',
    element_removed: 'Platební formulář byl odebrán ze stránky.',
    element_not_mounted: 'Platební formulář na stránce není.',
    form_incomplete_card: 'Zadejte údaje o kartě.',
    form_incomplete_number: 'Zadejte číslo karty.',
    form_incomplete_expiry: 'Zadejte datum expirace karty.',
    form_incomplete_cvc: 'Zadejte bezpečnostní kód karty.',
    form_incomplete_bank_account: 'Zadejte údaje o bankovním účtu.',
  },
};

export default cs;
