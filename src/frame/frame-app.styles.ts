import { css } from 'lit';

/**
 * The fields' own look inside the frame, written against the Appearance variables (the theme's,
 * with the merchant's laid over them, are set on `:host` by the merchant sheet adopted after this
 * one) and the Appearance classes. Every selector sits in `:where()`, so any merchant rule wins
 * over it whatever its specificity. The layouts an appearance asks for (floating labels, condensed
 * inputs, the flat theme) are in `layout-styles.ts`, loaded with the styling checks. The block
 * keeps 4px of room on every side for the focus ring
 * (the host element pulls the iframe out by as much, so the inputs line up with the page).
 * Transitions stop for `prefers-reduced-motion` and `disableAnimations`; in forced colours the
 * focus ring becomes an outline in the system's highlight colour.
 */
export const frameAppStyles = css`
  :host {
    display: block;
    font-family: var(--fontFamily);
    font-size: var(--fontSizeBase);
    line-height: var(--fontLineHeight);
    font-weight: var(--fontWeightNormal);
    color: var(--colorText);
  }
  :where(.Block) {
    display: flex;
    flex-direction: column;
    gap: calc(var(--spacingUnit) * 2);
    padding: 4px;
  }
  :where(.Group) {
    display: flex;
    flex-direction: column;
    gap: var(--gridRowSpacing);
  }
  :where(.Row) {
    display: flex;
    flex-wrap: wrap;
    gap: var(--gridRowSpacing) var(--gridColumnSpacing);
  }
  :where(.Row > .Field) {
    flex: 1 1 7em;
    min-width: 0;
  }
  :where(.Field) {
    position: relative;
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  :where(.Label) {
    display: block;
    margin-bottom: calc(var(--spacingUnit) * 2);
    color: var(--labelColorText);
    font-size: var(--labelFontSize);
    font-weight: var(--labelFontWeight);
    line-height: 1.3;
  }
  :where(.InputWrap) {
    position: relative;
  }
  :where(.Input) {
    box-sizing: border-box;
    width: 100%;
    margin: 0;
    padding: calc(var(--spacingUnit) * 5) calc(var(--spacingUnit) * 6);
    border: 1px solid var(--inputColorBorder);
    border-radius: var(--borderRadius);
    background: var(--colorBackground);
    color: var(--colorText);
    font: inherit;
    line-height: var(--fontLineHeight);
    box-shadow: var(--inputBoxShadow);
    outline: none;
    transition:
      border-color 0.15s ease,
      box-shadow 0.15s ease;
  }
  /* A pseudo-element cannot sit inside :where(); it adds no specificity after it either. */
  :where(.Input)::placeholder {
    color: var(--colorTextPlaceholder);
    opacity: 1;
  }
  :where(.Input:focus) {
    border-color: var(--inputFocusColorBorder);
    box-shadow: var(--focusBoxShadow);
    outline: var(--focusOutline);
  }
  :where(.Input--invalid) {
    border-color: var(--colorDanger);
  }
  :where(.Input:disabled) {
    cursor: default;
    background: color-mix(in srgb, var(--colorBackground) 88%, var(--colorText));
    color: var(--colorTextSecondary);
  }
  :where(.Block[dir='rtl'] .Input[dir='ltr']) {
    text-align: right;
  }
  :where(.Field--icon .Input) {
    padding-inline-end: calc(var(--spacingUnit) * 6 + 40px);
  }
  /* A left-to-right input in a right-to-left layout: its icon sits on its left, its start. */
  :where(.Block[dir='rtl'] .Field--icon .Input[dir='ltr']) {
    padding-inline: calc(var(--spacingUnit) * 6 + 40px) calc(var(--spacingUnit) * 6);
  }
  :where(.Icon) {
    position: absolute;
    inset-inline-end: calc(var(--spacingUnit) * 6);
    top: 50%;
    width: 32px;
    height: 20px;
    transform: translateY(-50%);
    color: var(--iconColor);
    pointer-events: none;
  }
  :where(.Field--invalid .Icon--brand) {
    color: var(--iconCardErrorColor);
  }
  :where(.Icon--cvc) {
    color: var(--iconCardCvcColor);
  }
  :where(.Field--invalid .Icon--cvc) {
    color: var(--iconCardErrorColor);
  }

  :where(.Error) {
    min-height: calc(var(--fontSizeSm) * 1.3);
    color: var(--errorColor);
    font-size: var(--fontSizeSm);
    line-height: 1.3;
  }
  :where(.sr-only, .autofill-catcher) {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    border: 0;
    white-space: nowrap;
  }

  .Block--static,
  .Block--static * {
    transition: none !important;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    ::placeholder {
      transition: none !important;
      animation: none !important;
    }
  }
  @media (forced-colors: active) {
    .Input:focus {
      outline: 2px solid Highlight;
      outline-offset: 1px;
    }
    .Icon {
      color: CanvasText;
    }
  }
`;
