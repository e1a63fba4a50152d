import { css } from 'lit';

/**
 * The fields' own look inside the frame (the merchant's `style` option is adopted after
 * it): a 40-pixel input, the brand icon in the number field, the error line under the fields,
 * and visually hidden labels and autofill inputs.
 */
export const frameAppStyles = css`
  :host {
    display: block;
    font-family:
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      sans-serif;
    font-size: 16px;
    color: #30313d;
    --tessera-icon-color: #6b7280;
  }
  .root {
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 1px;
  }
  .row {
    display: flex;
    gap: 8px;
  }
  .row > * {
    flex: 1 1 0;
    min-width: 0;
  }
  .with-icon {
    position: relative;
  }
  .with-icon .input {
    padding-left: 52px;
  }
  .brand {
    position: absolute;
    left: 8px;
    top: 10px;
    width: 36px;
    height: 20px;
    pointer-events: none;
  }
  .input {
    box-sizing: border-box;
    width: 100%;
    height: 40px;
    padding: 0 10px;
    border: 1px solid #d1d5db;
    border-radius: 6px;
    background: #fff;
    font: inherit;
    color: inherit;
    outline: none;
  }
  .input:focus {
    border-color: #635bff;
    box-shadow: 0 0 0 2px rgb(99 91 255 / 25%);
  }
  .input[aria-invalid='true'] {
    border-color: #df1b41;
  }
  .input:disabled {
    background: #f3f4f6;
    color: #9ca3af;
  }
  .label {
    display: block;
    margin-bottom: 4px;
    font-size: 14px;
    line-height: 18px;
    color: #4b5563;
  }
  .sr-only,
  .autofill-catcher {
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
  .error {
    min-height: 18px;
    font-size: 13px;
    line-height: 18px;
    color: #df1b41;
  }
`;
