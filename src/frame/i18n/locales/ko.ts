import type { Catalogue } from '../catalogue.js';

/** Korean (한국어). */
const ko: Catalogue = {
  fields: {
    cardNumber: { label: '카드 번호', placeholder: '1234 1234 1234 1234' },
    expiry: { label: '유효 기간', placeholder: 'MM / YY' },
    cvc: { label: '보안 코드', placeholder: 'CVC' },
    postalCode: { label: '우편번호', placeholder: '우편번호' },
    accountHolderName: { label: '예금주 이름', placeholder: '성명' },
    routingNumber: { label: '라우팅 번호', placeholder: '' },
    accountNumber: { label: '계좌 번호', placeholder: '' },
  },
  accountHolderType: {
    label: '예금주 유형',
    individual: '개인',
    company: '법인',
  },
  cvcHint: {
    back: '카드 뒷면의 3자리 코드',
    front: '카드 앞면의 4자리 코드',
  },
  titles: {
    card: '카드 결제',
    cardNumber: '카드 번호',
    cardExpiry: '카드 유효 기간',
    cardCvc: '카드 보안 코드',
    bankAccount: '은행 계좌',
    controller: '결제 연결',
  },
  messages: {
    incomplete_number: '카드 번호가 불완전합니다.',
    invalid_number: '카드 번호가 유효하지 않습니다.',
    incomplete_expiry: '카드 유효 기간이 불완전합니다.',
    invalid_expiry_year_past: '카드 유효 기간의 연도가 이미 지났습니다.',
    invalid_expiry_month_past: '카드 유효 기간이 이미 지났습니다.',
    invalid_expiry_year: '카드 유효 기간의 연도가 유효하지 않습니다.',
    invalid_expiry_month: '카드 유효 기간의 월이 유효하지 않습니다.',
    incomplete_cvc: '카드 보안 코드가 불완전합니다.',
    invalid_cvc: '카드 보안 코드가 유효하지 않습니다.',
    incomplete_zip: '우편번호가 불완전합니다.',
    invalid_zip: '우편번호가 유효하지 않습니다.',
    incomplete_routing_number: '라우팅 번호가 불완전합니다.',
    invalid_routing_number: '라우팅 번호가 유효하지 않습니다.',
    incomplete_account_number: '계좌 번호가 불완전합니다.',
    invalid_account_number: '계좌 번호가 유효하지 않습니다.',
    incomplete_account_holder_name: '예금주 이름을 입력하세요.',
    non_ascii_digits: '숫자 0~9를 사용하세요.',
    incomplete: '결제 정보가 불완전합니다.',
    invalid: '결제 정보가 유효하지 않습니다.',
    api_connection_error:
      '결제 서버에 연결하지 못했습니다. 인터넷 연결을 확인한 후 다시 시도하세요.',
    unexpected_reply: '결제 서버가 예상치 못한 응답을 보냈습니다. 다시 시도하세요.',
    frame_not_configured: '결제 양식을 아직 불러오는 중입니다. 잠시 후 다시 시도하세요.',
    personal_id_number_missing: '개인 식별 번호를 입력하세요.',
    frame_not_ready: '결제 양식이 아직 준비되지 않았습니다. 다시 시도하세요.',
    frame_timeout: '결제 양식이 제시간에 응답하지 않았습니다. 다시 시도하세요.',
    frame_no_token: '결제 양식이 예상치 못한 응답을 보냈습니다. 다시 시도하세요.',
    element_removed: '결제 양식이 페이지에서 제거되었습니다.',
    element_not_mounted: '결제 양식이 페이지에 없습니다.',
    form_incomplete_card: '카드 정보를 입력하세요.',
    form_incomplete_number: '카드 번호를 입력하세요.',
    form_incomplete_expiry: '카드 유효 기간을 입력하세요.',
    form_incomplete_cvc: '카드 보안 코드를 입력하세요.',
    form_incomplete_bank_account: '은행 계좌 정보를 입력하세요.',
  },
};

export default ko;
