import type { Catalogue } from '../catalogue.js';

/** Latin American Spanish (Español de Latinoamérica). */
const esLatam: Catalogue = {
  fields: {
    cardNumber: { label: 'Número de tarjeta', placeholder: '1234 1234 1234 1234' },
    expiry: { label: 'Fecha de vencimiento', placeholder: 'MM / AA' },
    cvc: { label: 'Código de seguridad', placeholder: 'CVV' },
    postalCode: { label: 'Código postal', placeholder: 'Código postal' },
    accountHolderName: { label: 'Nombre del titular de la cuenta', placeholder: 'Nombre completo' },
    routingNumber: { label: 'Número de ruta', placeholder: '' },
    accountNumber: { label: 'Número de cuenta', placeholder: '' },
  },
  accountHolderType: {
    label: 'Tipo de titular de la cuenta',
    individual: 'Persona física',
    company: 'Empresa',
  },
  cvcHint: {
    back: 'Código de 3 dígitos en el reverso de tu tarjeta',
    front: 'Código de 4 dígitos en el frente de tu tarjeta',
  },
  titles: {
    card: 'Pago con tarjeta',
    cardNumber: 'Número de tarjeta',
    cardExpiry: 'Vencimiento de la tarjeta',
    cardCvc: 'Código de seguridad de la tarjeta',
    bankAccount: 'Cuenta bancaria',
    controller: 'Conexión de pago',
  },
  messages: {
    incomplete_number: 'El número de tu tarjeta está incompleto.',
    invalid_number: 'El número de tu tarjeta no es válido.',
    incomplete_expiry: 'La fecha de vencimiento de tu tarjeta está incompleta.',
    invalid_expiry_year_past: 'El año de vencimiento de tu tarjeta ya pasó.',
    invalid_expiry_month_past: 'La fecha de vencimiento de tu tarjeta ya pasó.',
    invalid_expiry_year: 'El año de vencimiento de tu tarjeta no es válido.',
    invalid_expiry_month: 'El mes de vencimiento de tu tarjeta no es válido.',
    incomplete_cvc: 'El código de seguridad de tu tarjeta está incompleto.',
    invalid_cvc: 'El código de seguridad de tu tarjeta no es válido.',
    incomplete_zip: 'Tu código postal está incompleto.',
    invalid_zip: 'Tu código postal no es válido.',
    incomplete_routing_number: 'Tu número de ruta está incompleto.',
    invalid_routing_number: 'Tu número de ruta no es válido.',
    incomplete_account_number: 'Tu número de cuenta está incompleto.',
    invalid_account_number: 'Tu número de cuenta no es válido.',
    incomplete_account_holder_name: 'Ingresa el nombre del titular de la cuenta.',
    non_ascii_digits: 'Usa los dígitos del 0 al 9.',
    incomplete: 'Tus datos de pago están incompletos.',
    invalid: 'Tus datos de pago no son válidos.',
    api_connection_error:
      'No pudimos conectar con el servidor de pago. Verifica tu conexión e intenta de nuevo.',
    unexpected_reply: 'El servidor de pago envió una respuesta inesperada. Intenta de nuevo.',
    frame_not_configured:
      'El formulario de pago todavía se está cargando. Intenta de nuevo en un momento.',
    personal_id_number_missing: 'Ingresa el número de identificación personal.',
    frame_not_ready: 'El formulario de pago todavía no está listo. Intenta de nuevo.',
    frame_timeout: 'El formulario de pago no respondió a tiempo. Intenta de nuevo.',
    frame_no_token: 'El formulario de pago envió una respuesta inesperada. Intenta de nuevo.',
    element_removed: 'El formulario de pago se eliminó de la página.',
    element_not_mounted: 'El formulario de pago no está en la página.',
    form_incomplete_card: 'Ingresa los datos de tu tarjeta.',
    form_incomplete_number: 'Ingresa el número de tu tarjeta.',
    form_incomplete_expiry: 'Ingresa la fecha de vencimiento de tu tarjeta.',
    form_incomplete_cvc: 'Ingresa el código de seguridad de tu tarjeta.',
    form_incomplete_bank_account: 'Ingresa los datos de tu cuenta bancaria.',
  },
};

export default esLatam;
