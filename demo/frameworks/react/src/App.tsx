import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import type { TesseraCardElement, TokenResult } from 'tessera';
import { TesseraCard, TesseraProvider, useTessera } from 'tessera/react';

/** Where the vault is, and the shop's publishable key (served as `/config.json`). */
export interface AppConfig {
  vaultOrigin: string;
  publishableKey: string;
}

type Theme = 'stripe' | 'night' | 'flat';

declare global {
  interface Window {
    /** What the end-to-end test asks of the page, as the page's own code would. */
    checkout?: { createToken(): Promise<TokenResult> };
  }
}

/** The shop: its settings around one Tessera instance, and the checkout form. */
export function App({ config }: { config: AppConfig }) {
  const [locale, setLocale] = useState('en');
  const [theme, setTheme] = useState<Theme>('stripe');
  return (
    // A new options object every render: the provider compares it by value.
    <TesseraProvider
      publishableKey={config.publishableKey}
      options={{ origin: config.vaultOrigin, locale, appearance: { theme } }}
    >
      <main>
        <h1>Checkout</h1>
        <fieldset className="settings">
          <legend>Card form</legend>
          <label>
            Language{' '}
            <select
              value={locale}
              onChange={(event) => {
                setLocale(event.target.value);
              }}
            >
              <option value="en">English</option>
              <option value="fr">Français</option>
              <option value="de">Deutsch</option>
            </select>
          </label>
          <label>
            Theme{' '}
            <select
              value={theme}
              onChange={(event) => {
                setTheme(event.target.value as Theme);
              }}
            >
              <option value="stripe">Stripe</option>
              <option value="night">Night</option>
              <option value="flat">Flat</option>
            </select>
          </label>
        </fieldset>
        <Checkout />
      </main>
    </TesseraProvider>
  );
}

/** The payment form: a card element, the cardholder's name, and a Pay button. */
function Checkout() {
  const { createToken } = useTessera();
  const card = useRef<TesseraCardElement>(null);
  const [showCard, setShowCard] = useState(true);
  const [complete, setComplete] = useState(false);
  const [name, setName] = useState('');
  const [result, setResult] = useState('');
  const [refreshed, setRefreshed] = useState(0);

  async function tokenize(): Promise<TokenResult> {
    if (!card.current) {
      return { error: { type: 'validation_error', code: 'no_card', message: 'No card form.' } };
    }
    return createToken(card.current, name ? { name } : {});
  }

  async function pay(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const { token, error } = await tokenize();
    setResult(token ? `Token ${token.id}` : error.message);
  }

  useEffect(() => {
    window.checkout = { createToken: tokenize };
    return () => {
      delete window.checkout;
    };
  });

  return (
    <form onSubmit={(event) => void pay(event)}>
      <label>
        <input
          type="checkbox"
          checked={showCard}
          onChange={(event) => {
            setShowCard(event.target.checked);
            // A card that comes back is a new, empty one.
            setComplete(false);
          }}
        />{' '}
        Pay by card
      </label>
      <label htmlFor="name">Name on card</label>
      <input
        id="name"
        autoComplete="cc-name"
        value={name}
        onChange={(event) => {
          setName(event.target.value);
        }}
      />
      {showCard && (
        <>
          <label htmlFor="card">Card</label>
          <TesseraCard
            id="card"
            ref={card}
            // A new object every render too: the element sends its frame only what changed.
            appearance={{ variables: { borderRadius: '6px' } }}
            onChange={(event) => {
              setComplete(event.detail.complete);
            }}
            onLoadError={(event) => {
              setResult(event.detail.error.message);
            }}
          />
        </>
      )}
      <button type="submit" disabled={!showCard || !complete}>
        Pay
      </button>{' '}
      <button
        type="button"
        onClick={() => {
          setRefreshed(refreshed + 1);
        }}
      >
        Refresh ({refreshed})
      </button>
      <output aria-live="polite">{result}</output>
    </form>
  );
}
