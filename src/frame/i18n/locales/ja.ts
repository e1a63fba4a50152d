import type { Catalogue } from '../catalogue.js';

/** Japanese (日本語). */
const ja: Catalogue = {
  fields: {
    cardNumber: { label: 'カード番号', placeholder: '1234 1234 1234 1234' },
    expiry: { label: '有効期限', placeholder: 'MM / YY' },
    cvc: { label: 'セキュリティコード', placeholder: 'CVC' },
    postalCode: { label: '郵便番号', placeholder: '郵便番号' },
    accountHolderName: { label: '口座名義', placeholder: '氏名' },
    routingNumber: { label: 'ルーティング番号', placeholder: '' },
    accountNumber: { label: '口座番号', placeholder: '' },
  },
  accountHolderType: {
    label: '口座名義の種類',
    individual: '個人',
    company: '法人',
  },
  cvcHint: {
    back: 'カード裏面の3桁のコード',
    front: 'カード表面の4桁のコード',
  },
  titles: {
    card: 'カード決済',
    cardNumber: 'カード番号',
    cardExpiry: 'カードの有効期限',
    cardCvc: 'カードのセキュリティコード',
    bankAccount: '銀行口座',
    controller: '決済接続',
  },
  messages: {
    incomplete_number: 'カード番号が不完全です。',
    invalid_number: 'カード番号が無効です。',
    incomplete_expiry: 'カードの有効期限が不完全です。',
    invalid_expiry_year_past: 'カードの有効期限の年が過ぎています。',
    invalid_expiry_month_past: 'カードの有効期限が過ぎています。',
    invalid_expiry_year: 'カードの有効期限の年が無効です。',
    invalid_expiry_month: 'カードの有効期限の月が無効です。',
    incomplete_cvc: 'カードのセキュリティコードが不完全です。',
    invalid_cvc: 'カードのセキュリティコードが無効です。',
    incomplete_zip: '郵便番号が不完全です。',
    invalid_zip: '郵便番号が無効です。',
    incomplete_routing_number: 'ルーティング番号が不完全です。',
    invalid_routing_number: 'ルーティング番号が無効です。',
    incomplete_account_number: '口座番号が不完全です。',
    invalid_account_number: '口座番号が無効です。',
    incomplete_account_holder_name: '口座名義を入力してください。',
    non_ascii_digits: '半角数字（0〜9）で入力してください。',
    incomplete: 'お支払い情報が不完全です。',
    invalid: 'お支払い情報が無効です。',
    api_connection_error:
      '決済サーバーに接続できませんでした。接続を確認して、もう一度お試しください。',
    unexpected_reply: '決済サーバーから予期しない応答がありました。もう一度お試しください。',
    frame_not_configured:
      '決済フォームを読み込んでいます。しばらくしてからもう一度お試しください。',
    personal_id_number_missing: '個人識別番号を入力してください。',
    frame_not_ready: '決済フォームの準備ができていません。もう一度お試しください。',
    frame_timeout: '決済フォームが時間内に応答しませんでした。もう一度お試しください。',
    frame_no_token: '決済フォームから予期しない応答がありました。もう一度お試しください。',
    element_removed: '決済フォームがページから削除されました。',
    element_not_mounted: '決済フォームがページにありません。',
    form_incomplete_card: 'カード情報を入力してください。',
    form_incomplete_number: 'カード番号を入力してください。',
    form_incomplete_expiry: 'カードの有効期限を入力してください。',
    form_incomplete_cvc: 'カードのセキュリティコードを入力してください。',
    form_incomplete_bank_account: '銀行口座情報を入力してください。',
  },
};

export default ja;
