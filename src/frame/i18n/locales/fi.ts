import type { Catalogue } from '../catalogue.js';

/** Finnish (Suomi). */
const fi: Catalogue = {
  fields: {
    cardNumber: { label: 'Kortin numero', placeholder: '1234 1234 1234 1234' },
    expiry: { label: 'Voimassaoloaika', placeholder: 'KK / VV' },
    cvc: { label: 'Turvakoodi', placeholder: 'CVC' },
    postalCode: { label: 'Postinumero', placeholder: 'Postinumero' },
    accountHolderName: { label: 'Tilinhaltijan nimi', placeholder: 'Koko nimi' },
    routingNumber: { label: 'Reititysnumero', placeholder: '' },
    accountNumber: { label: 'Tilinumero', placeholder: '' },
  },
  accountHolderType: {
    label: 'Tilinhaltijan tyyppi',
    individual: 'Yksityishenkilö',
    company: 'Yritys',
  },
  cvcHint: {
    back: '3-numeroinen koodi kortin kääntöpuolella',
    front: '4-numeroinen koodi kortin etupuolella',
  },
  titles: {
    card: 'Korttimaksu',
    cardNumber: 'Kortin numero',
    cardExpiry: 'Kortin voimassaoloaika',
    cardCvc: 'Kortin turvakoodi',
    bankAccount: 'Pankkitili',
    controller: 'Maksuyhteys',
  },
  messages: {
    incomplete_number: 'Kortin numero on puutteellinen.',
    invalid_number: 'Kortin numero on virheellinen.',
    incomplete_expiry: 'Kortin voimassaoloaika on puutteellinen.',
    invalid_expiry_year_past: 'Kortin voimassaolovuosi on jo mennyt.',
    invalid_expiry_month_past: 'Kortin voimassaoloaika on jo päättynyt.',
    invalid_expiry_year: 'Kortin voimassaolovuosi on virheellinen.',
    invalid_expiry_month: 'Kortin voimassaolokuukausi on virheellinen.',
    incomplete_cvc: 'Kortin turvakoodi on puutteellinen.',
    invalid_cvc: 'Kortin turvakoodi on virheellinen.',
    incomplete_zip: 'Postinumero on puutteellinen.',
    invalid_zip: 'Postinumero on virheellinen.',
    incomplete_routing_number: 'Reititysnumero on puutteellinen.',
    invalid_routing_number: 'Reititysnumero on virheellinen.',
    incomplete_account_number: 'Tilinumero on puutteellinen.',
    invalid_account_number: 'Tilinumero on virheellinen.',
    incomplete_account_holder_name: 'Anna tilinhaltijan nimi.',
    non_ascii_digits: 'Käytä numeroita 0–9.',
    incomplete: 'Maksutiedot ovat puutteelliset.',
    invalid: 'Maksutiedot ovat virheelliset.',
    api_connection_error:
      'Maksupalvelimeen ei saatu yhteyttä. Tarkista verkkoyhteys ja yritä uudelleen.',
    unexpected_reply: 'Maksupalvelin lähetti odottamattoman vastauksen. Yritä uudelleen.',
    frame_not_configured: 'Maksulomake latautuu vielä. Yritä hetken kuluttua uudelleen.',
    personal_id_number_missing: 'Anna henkilötunnus.',
    frame_not_ready: 'Maksulomake ei ole vielä valmis. Yritä uudelleen.',
    frame_timeout: 'Maksulomake ei vastannut ajoissa. Yritä uudelleen.',
    frame_no_token: 'Maksulomake lähetti odottamattoman vastauksen. Yritä uudelleen.',
    element_removed: 'Maksulomake on poistettu sivulta.',
    element_not_mounted: 'Maksulomake ei ole sivulla.',
    form_incomplete_card: 'Anna kortin tiedot.',
    form_incomplete_number: 'Anna kortin numero.',
    form_incomplete_expiry: 'Anna kortin voimassaoloaika.',
    form_incomplete_cvc: 'Anna kortin turvakoodi.',
    form_incomplete_bank_account: 'Anna pankkitilin tiedot.',
  },
};

export default fi;
