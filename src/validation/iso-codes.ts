/** ISO 3166-1 alpha-2 country codes (249) and ISO 4217 currency codes (160). */

const COUNTRIES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR ' +
    'BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ ' +
    'EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW ' +
    'GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY ' +
    'KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV ' +
    'MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY ' +
    'QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG ' +
    'TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ' +
    'ZW'
  ).split(' '),
);

const CURRENCIES = new Set(
  (
    'aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bhd bif bmd bnd bob brl bsd btn bwp ' +
    'byn bzd cad cdf chf clp cny cop crc cuc cup cve czk djf dkk dop dzd egp ern etb eur fjd fkp ' +
    'gbp gel ghs gip gmd gnf gtq gyd hkd hnl hrk htg huf idr ils inr iqd irr isk jmd jod jpy kes ' +
    'kgs khr kmf kpw krw kwd kyd kzt lak lbp lkr lrd lsl lyd mad mdl mga mkd mmk mnt mop mru mur ' +
    'mvr mwk mxn myr mzn nad ngn nio nok npr nzd omr pab pen pgk php pkr pln pyg qar ron rsd rub ' +
    'rwf sar sbd scr sdg sek sgd shp sle sll sos srd ssp stn svc syp szl thb tjs tmt tnd top try ' +
    'ttd twd tzs uah ugx usd uyu uzs ves vnd vuv wst xaf xcd xcg xof xpf yer zar zmw zwg zwl'
  ).split(' '),
);

/**
 * Currency of a bank account when none is given, for the countries whose bank accounts hold one
 * currency. Other countries must name it.
 */
const DEFAULT_CURRENCY: Readonly<Record<string, string>> = {
  US: 'usd',
  CA: 'cad',
  GB: 'gbp',
  AU: 'aud',
  NZ: 'nzd',
  JP: 'jpy',
  CH: 'chf',
  SE: 'sek',
  NO: 'nok',
  DK: 'dkk',
  PL: 'pln',
  CZ: 'czk',
  HU: 'huf',
  RO: 'ron',
  BG: 'eur',
  SG: 'sgd',
  HK: 'hkd',
  MX: 'mxn',
  BR: 'brl',
  IN: 'inr',
  AT: 'eur',
  BE: 'eur',
  HR: 'eur',
  CY: 'eur',
  EE: 'eur',
  FI: 'eur',
  FR: 'eur',
  DE: 'eur',
  GR: 'eur',
  IE: 'eur',
  IT: 'eur',
  LV: 'eur',
  LT: 'eur',
  LU: 'eur',
  MT: 'eur',
  NL: 'eur',
  PT: 'eur',
  SK: 'eur',
  SI: 'eur',
  ES: 'eur',
};

/** `us` or `US` → `US`; anything that is not an ISO 3166-1 alpha-2 code → null. */
export function normalizeCountry(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Case-map ASCII only: 'ıe'.toUpperCase() is 'IE'.
  const code = value.trim();
  if (!/^[A-Za-z]{2}$/.test(code)) return null;
  return COUNTRIES.has(code.toUpperCase()) ? code.toUpperCase() : null;
}

/** `USD` or `usd` → `usd`; anything that is not an ISO 4217 code → null. */
export function normalizeCurrency(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Case-map ASCII only: the Kelvin sign 'K' lower-cases to 'k'.
  const code = value.trim();
  if (!/^[A-Za-z]{3}$/.test(code)) return null;
  return CURRENCIES.has(code.toLowerCase()) ? code.toLowerCase() : null;
}

/** The currency a bank account in `country` holds by default, if the country has one. */
export function defaultCurrencyFor(country: string): string | null {
  // Own keys only: 'constructor' or 'toString' must not reach Object.prototype.
  return Object.hasOwn(DEFAULT_CURRENCY, country) ? (DEFAULT_CURRENCY[country] ?? null) : null;
}
