import type { Catalogue } from '../catalogue.js';

/** Polish (Polski). */
const pl: Catalogue = {
  fields: {
    cardNumber: { label: 'Numer karty', placeholder: '1234 1234 1234 1234' },
    expiry: { label: 'Data ważności', placeholder: 'MM / RR' },
    cvc: { label: 'Kod bezpieczeństwa', placeholder: 'CVC' },
    postalCode: { label: 'Kod pocztowy', placeholder: 'Kod pocztowy' },
    accountHolderName: {
      label: 'Imię i nazwisko posiadacza rachunku',
      placeholder: 'Imię i nazwisko',
    },
    routingNumber: { label: 'Numer rozliczeniowy banku', placeholder: '' },
    accountNumber: { label: 'Numer rachunku', placeholder: '' },
  },
  accountHolderType: {
    label: 'Typ posiadacza rachunku',
    individual: 'Osoba prywatna',
    company: 'Firma',
  },
  cvcHint: {
    back: '3-cyfrowy kod na odwrocie karty',
    front: '4-cyfrowy kod na przedniej stronie karty',
  },
  titles: {
    card: 'Płatność kartą',
    cardNumber: 'Numer karty',
    cardExpiry: 'Data ważności karty',
    cardCvc: 'Kod bezpieczeństwa karty',
    bankAccount: 'Rachunek bankowy',
    controller: 'Połączenie płatnicze',
  },
  messages: {
    incomplete_number: 'Numer karty jest niekompletny.',
    invalid_number: 'Numer karty jest nieprawidłowy.',
    incomplete_expiry: 'Data ważności karty jest niekompletna.',
    invalid_expiry_year_past: 'Rok ważności karty już minął.',
    invalid_expiry_month_past: 'Data ważności karty już minęła.',
    invalid_expiry_year: 'Rok ważności karty jest nieprawidłowy.',
    invalid_expiry_month: 'Miesiąc ważności karty jest nieprawidłowy.',
    incomplete_cvc: 'Kod bezpieczeństwa karty jest niekompletny.',
    invalid_cvc: 'Kod bezpieczeństwa karty jest nieprawidłowy.',
    incomplete_zip: 'Kod pocztowy jest niekompletny.',
    invalid_zip: 'Kod pocztowy jest nieprawidłowy.',
    incomplete_routing_number: 'Numer rozliczeniowy banku jest niekompletny.',
    invalid_routing_number: 'Numer rozliczeniowy banku jest nieprawidłowy.',
    incomplete_account_number: 'Numer rachunku jest niekompletny.',
    invalid_account_number: 'Numer rachunku jest nieprawidłowy.',
    incomplete_account_holder_name: 'Proszę podać imię i nazwisko posiadacza rachunku.',
    non_ascii_digits: 'Proszę użyć cyfr 0–9.',
    incomplete: 'Dane płatności są niekompletne.',
    invalid: 'Dane płatności są nieprawidłowe.',
    api_connection_error:
      'Nie udało się połączyć z serwerem płatności. Proszę sprawdzić połączenie i spróbować ponownie.',
    unexpected_reply:
      'Serwer płatności zwrócił nieoczekiwaną odpowiedź. Proszę spróbować ponownie.',
    frame_not_configured:
      'Formularz płatności wciąż się wczytuje. Proszę spróbować ponownie za chwilę.',
    personal_id_number_missing: 'Proszę podać osobisty numer identyfikacyjny.',
    frame_not_ready: 'Formularz płatności nie jest jeszcze gotowy. Proszę spróbować ponownie.',
    frame_timeout: 'Formularz płatności nie odpowiedział na czas. Proszę spróbować ponownie.',
    frame_no_token:
      'Formularz płatności zwrócił nieoczekiwaną odpowiedź. Proszę spróbować ponownie.',
    element_removed: 'Formularz płatności został usunięty ze strony.',
    element_not_mounted: 'Formularza płatności nie ma na stronie.',
    form_incomplete_card: 'Proszę podać dane karty.',
    form_incomplete_number: 'Proszę podać numer karty.',
    form_incomplete_expiry: 'Proszę podać datę ważności karty.',
    form_incomplete_cvc: 'Proszę podać kod bezpieczeństwa karty.',
    form_incomplete_bank_account: 'Proszę podać dane rachunku bankowego.',
  },
};

export default pl;
