import type { Locale } from '../protocol/index.js';

/**
 * The one shopper-facing message the page must hold in every language itself: that the secure
 * form could not be loaded. Every other word (iframe titles, form prompts, the other connection
 * errors) comes from the frame's catalogue once the frame is up; when it is not, there is no
 * frame to ask. Short, because the script tag carries all of them.
 */
export const LOAD_FAILURE_MESSAGES: Readonly<Record<Locale, string>> = {
  en: 'The payment form could not load. Reload the page.',
  'en-GB': 'The payment form could not load. Reload the page.',
  de: 'Das Zahlungsformular konnte nicht geladen werden. Laden Sie die Seite neu.',
  fr: 'Le formulaire de paiement n’a pas pu se charger. Rechargez la page.',
  es: 'No se ha podido cargar el formulario de pago. Vuelve a cargar la página.',
  'es-419': 'No se pudo cargar el formulario de pago. Vuelve a cargar la página.',
  it: 'Impossibile caricare il modulo di pagamento. Ricarica la pagina.',
  nl: 'Het betaalformulier kon niet worden geladen. Vernieuw de pagina.',
  pt: 'Não foi possível carregar o formulário de pagamento. Recarregue a página.',
  'pt-BR': 'Não foi possível carregar o formulário de pagamento. Recarregue a página.',
  sv: 'Betalningsformuläret kunde inte laddas. Ladda om sidan.',
  da: 'Betalingsformularen kunne ikke indlæses. Genindlæs siden.',
  nb: 'Betalingsskjemaet kunne ikke lastes inn. Last inn siden på nytt.',
  fi: 'Maksulomaketta ei voitu ladata. Lataa sivu uudelleen.',
  pl: 'Nie udało się wczytać formularza płatności. Proszę odświeżyć stronę.',
  cs: 'Platební formulář se nepodařilo načíst. Načtěte stránku znovu.',
  ja: '決済フォームを読み込めませんでした。ページを再読み込みしてください。',
  ko: '결제 양식을 불러오지 못했습니다. 페이지를 새로고침하세요.',
  'zh-Hans': '无法加载支付表单。请刷新页面。',
  'zh-Hant': '無法載入付款表單。請重新整理頁面。',
  ar: 'تعذر تحميل نموذج الدفع. أعد تحميل الصفحة.',
  he: 'לא ניתן לטעון את טופס התשלום. יש לרענן את הדף.',
};
