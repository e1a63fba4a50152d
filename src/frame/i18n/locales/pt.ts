import type { Catalogue } from '../catalogue.js';

/** Portuguese (Português). */
const pt: Catalogue = {
  fields: {
    cardNumber: { label: 'Número do cartão', placeholder: '1234 1234 1234 1234' },
    expiry: { label: 'Data de validade', placeholder: 'MM / AA' },
    cvc: { label: 'Código de segurança', placeholder: 'CVC' },
    postalCode: { label: 'Código postal', placeholder: 'Código postal' },
    accountHolderName: { label: 'Nome do titular da conta', placeholder: 'Nome completo' },
    routingNumber: { label: 'Número de encaminhamento', placeholder: '' },
    accountNumber: { label: 'Número de conta', placeholder: '' },
  },
  accountHolderType: {
    label: 'Tipo de titular da conta',
    individual: 'Particular',
    company: 'Empresa',
  },
  cvcHint: {
    back: 'Código de 3 dígitos no verso do cartão',
    front: 'Código de 4 dígitos na frente do cartão',
  },
  titles: {
    card: 'Pagamento com cartão',
    cardNumber: 'Número do cartão',
    cardExpiry: 'Validade do cartão',
    cardCvc: 'Código de segurança do cartão',
    bankAccount: 'Conta bancária',
    controller: 'Ligação de pagamento',
  },
  messages: {
    incomplete_number: 'O número do cartão está incompleto.',
    invalid_number: 'O número do cartão é inválido.',
    incomplete_expiry: 'A data de validade do cartão está incompleta.',
    invalid_expiry_year_past: 'O ano de validade do cartão já passou.',
    invalid_expiry_month_past: 'A data de validade do cartão já passou.',
    invalid_expiry_year: 'O ano de validade do cartão é inválido.',
    invalid_expiry_month: 'O mês de validade do cartão é inválido.',
    incomplete_cvc: 'O código de segurança do cartão está incompleto.',
    invalid_cvc: 'O código de segurança do cartão é inválido.',
    incomplete_zip: 'O código postal está incompleto.',
    invalid_zip: 'O código postal é inválido.',
    incomplete_routing_number: 'O número de encaminhamento está incompleto.',
    invalid_routing_number: 'O número de encaminhamento é inválido.',
    incomplete_account_number: 'O número de conta está incompleto.',
    invalid_account_number: 'O número de conta é inválido.',
    incomplete_account_holder_name: 'Introduza o nome do titular da conta.',
    non_ascii_digits: 'Utilize os dígitos de 0 a 9.',
    incomplete: 'Os dados de pagamento estão incompletos.',
    invalid: 'Os dados de pagamento são inválidos.',
    api_connection_error:
      'Não foi possível contactar o servidor de pagamento. Verifique a ligação e tente novamente.',
    unexpected_reply: 'O servidor de pagamento enviou uma resposta inesperada. Tente novamente.',
    frame_not_configured:
      'O formulário de pagamento ainda está a carregar. Tente novamente dentro de momentos.',
    personal_id_number_missing: 'Introduza o número de identificação pessoal.',
    frame_not_ready: 'O formulário de pagamento ainda não está pronto. Tente novamente.',
    frame_timeout: 'O formulário de pagamento não respondeu a tempo. Tente novamente.',
    frame_no_token: 'O formulário de pagamento enviou uma resposta inesperada. Tente novamente.',
    element_removed: 'O formulário de pagamento foi removido da página.',
    element_not_mounted: 'O formulário de pagamento não está na página.',
    form_incomplete_card: 'Introduza os dados do cartão.',
    form_incomplete_number: 'Introduza o número do cartão.',
    form_incomplete_expiry: 'Introduza a data de validade do cartão.',
    form_incomplete_cvc: 'Introduza o código de segurança do cartão.',
    form_incomplete_bank_account: 'Introduza os dados da conta bancária.',
  },
};

export default pt;
