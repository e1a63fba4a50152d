import type { Catalogue } from '../catalogue.js';

/** Brazilian Portuguese (Português do Brasil). */
const ptBR: Catalogue = {
  fields: {
    cardNumber: { label: 'Número do cartão', placeholder: '1234 1234 1234 1234' },
    expiry: { label: 'Data de validade', placeholder: 'MM / AA' },
    cvc: { label: 'Código de segurança', placeholder: 'CVV' },
    postalCode: { label: 'CEP', placeholder: 'CEP' },
    accountHolderName: { label: 'Nome do titular da conta', placeholder: 'Nome completo' },
    routingNumber: { label: 'Número de roteamento', placeholder: '' },
    accountNumber: { label: 'Número da conta', placeholder: '' },
  },
  accountHolderType: {
    label: 'Tipo de titular da conta',
    individual: 'Pessoa física',
    company: 'Pessoa jurídica',
  },
  cvcHint: {
    back: 'Código de 3 dígitos no verso do seu cartão',
    front: 'Código de 4 dígitos na frente do seu cartão',
  },
  titles: {
    card: 'Pagamento com cartão',
    cardNumber: 'Número do cartão',
    cardExpiry: 'Validade do cartão',
    cardCvc: 'Código de segurança do cartão',
    bankAccount: 'Conta bancária',
    controller: 'Conexão de pagamento',
  },
  messages: {
    incomplete_number: 'O número do seu cartão está incompleto.',
    invalid_number: 'O número do seu cartão é inválido.',
    incomplete_expiry: 'A data de validade do seu cartão está incompleta.',
    invalid_expiry_year_past: 'O ano de validade do seu cartão já passou.',
    invalid_expiry_month_past: 'A data de validade do seu cartão já passou.',
    invalid_expiry_year: 'O ano de validade do seu cartão é inválido.',
    invalid_expiry_month: 'O mês de validade do seu cartão é inválido.',
    incomplete_cvc: 'O código de segurança do seu cartão está incompleto.',
    invalid_cvc: 'O código de segurança do seu cartão é inválido.',
    incomplete_zip: 'Seu CEP está incompleto.',
    invalid_zip: 'Seu CEP é inválido.',
    incomplete_routing_number: 'Seu número de roteamento está incompleto.',
    invalid_routing_number: 'Seu número de roteamento é inválido.',
    incomplete_account_number: 'Seu número da conta está incompleto.',
    invalid_account_number: 'Seu número da conta é inválido.',
    incomplete_account_holder_name: 'Informe o nome do titular da conta.',
    non_ascii_digits: 'Use os dígitos de 0 a 9.',
    incomplete: 'Seus dados de pagamento estão incompletos.',
    invalid: 'Seus dados de pagamento são inválidos.',
    api_connection_error:
      'Não foi possível conectar ao servidor de pagamento. Verifique sua conexão e tente novamente.',
    unexpected_reply: 'O servidor de pagamento enviou uma resposta inesperada. Tente novamente.',
    frame_not_configured:
      'O formulário de pagamento ainda está carregando. Tente novamente em instantes.',
    personal_id_number_missing: 'Informe o número de identificação pessoal.',
    frame_not_ready: 'O formulário de pagamento ainda não está pronto. Tente novamente.',
    frame_timeout: 'O formulário de pagamento não respondeu a tempo. Tente novamente.',
    frame_no_token: 'O formulário de pagamento enviou uma resposta inesperada. Tente novamente.',
    element_removed: 'O formulário de pagamento foi removido da página.',
    element_not_mounted: 'O formulário de pagamento não está na página.',
    form_incomplete_card: 'Informe os dados do seu cartão.',
    form_incomplete_number: 'Informe o número do seu cartão.',
    form_incomplete_expiry: 'Informe a data de validade do seu cartão.',
    form_incomplete_cvc: 'Informe o código de segurança do seu cartão.',
    form_incomplete_bank_account: 'Informe os dados da sua conta bancária.',
  },
};

export default ptBR;
