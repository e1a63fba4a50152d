import type { Catalogue } from '../catalogue.js';

/** German (Deutsch). */
const de: Catalogue = {
  fields: {
    cardNumber: { label: 'Kartennummer', placeholder: '1234 1234 1234 1234' },
    expiry: { label: 'Ablaufdatum', placeholder: 'MM / JJ' },
    cvc: { label: 'Sicherheitscode', placeholder: 'CVC' },
    postalCode: { label: 'Postleitzahl', placeholder: 'PLZ' },
    accountHolderName: { label: 'Name des Kontoinhabers', placeholder: 'Vor- und Nachname' },
    routingNumber: { label: 'Routingnummer', placeholder: '' },
    accountNumber: { label: 'Kontonummer', placeholder: '' },
  },
  accountHolderType: {
    label: 'Art des Kontoinhabers',
    individual: 'Privatperson',
    company: 'Unternehmen',
  },
  cvcHint: {
    back: '3-stelliger Code auf der Rückseite Ihrer Karte',
    front: '4-stelliger Code auf der Vorderseite Ihrer Karte',
  },
  titles: {
    card: 'Kartenzahlung',
    cardNumber: 'Kartennummer',
    cardExpiry: 'Ablaufdatum der Karte',
    cardCvc: 'Sicherheitscode der Karte',
    bankAccount: 'Bankkonto',
    controller: 'Zahlungsverbindung',
  },
  messages: {
    incomplete_number: 'Ihre Kartennummer ist unvollständig.',
    invalid_number: 'Ihre Kartennummer ist ungültig.',
    incomplete_expiry: 'Das Ablaufdatum Ihrer Karte ist unvollständig.',
    invalid_expiry_year_past: 'Das Ablaufjahr Ihrer Karte liegt in der Vergangenheit.',
    invalid_expiry_month_past: 'Das Ablaufdatum Ihrer Karte liegt in der Vergangenheit.',
    invalid_expiry_year: 'Das Ablaufjahr Ihrer Karte ist ungültig.',
    invalid_expiry_month: 'Der Ablaufmonat Ihrer Karte ist ungültig.',
    incomplete_cvc: 'Der Sicherheitscode Ihrer Karte ist unvollständig.',
    invalid_cvc: 'Der Sicherheitscode Ihrer Karte ist ungültig.',
    incomplete_zip: 'Ihre Postleitzahl ist unvollständig.',
    invalid_zip: 'Ihre Postleitzahl ist ungültig.',
    incomplete_routing_number: 'Ihre Routingnummer ist unvollständig.',
    invalid_routing_number: 'Ihre Routingnummer ist ungültig.',
    incomplete_account_number: 'Ihre Kontonummer ist unvollständig.',
    invalid_account_number: 'Ihre Kontonummer ist ungültig.',
    incomplete_account_holder_name: 'Geben Sie den Namen des Kontoinhabers ein.',
    non_ascii_digits: 'Verwenden Sie die Ziffern 0–9.',
    incomplete: 'Ihre Zahlungsdaten sind unvollständig.',
    invalid: 'Ihre Zahlungsdaten sind ungültig.',
    api_connection_error:
      'Wir konnten den Zahlungsserver nicht erreichen. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    unexpected_reply:
      'Der Zahlungsserver hat eine unerwartete Antwort gesendet. Versuchen Sie es erneut.',
    frame_not_configured:
      'Das Zahlungsformular wird noch geladen. Versuchen Sie es gleich noch einmal.',
    personal_id_number_missing: 'Geben Sie die persönliche Identifikationsnummer ein.',
    frame_not_ready: 'Das Zahlungsformular ist noch nicht bereit. Versuchen Sie es erneut.',
    frame_timeout:
      'Das Zahlungsformular hat nicht rechtzeitig geantwortet. Versuchen Sie es erneut.',
    frame_no_token:
      'Das Zahlungsformular hat eine unerwartete Antwort gesendet. Versuchen Sie es erneut.',
    element_removed: 'Das Zahlungsformular wurde von der Seite entfernt.',
    element_not_mounted: 'Das Zahlungsformular befindet sich nicht auf der Seite.',
    form_incomplete_card: 'Geben Sie Ihre Kartendaten ein.',
    form_incomplete_number: 'Geben Sie Ihre Kartennummer ein.',
    form_incomplete_expiry: 'Geben Sie das Ablaufdatum Ihrer Karte ein.',
    form_incomplete_cvc: 'Geben Sie den Sicherheitscode Ihrer Karte ein.',
    form_incomplete_bank_account: 'Geben Sie Ihre Bankverbindung ein.',
  },
};

export default de;
