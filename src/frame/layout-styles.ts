/**
 * The layouts an appearance asks for, beyond the default (labels above, spaced inputs, the
 * stripe theme): floating labels, condensed inputs and the flat theme's filled inputs. Plain CSS
 * text, adopted with the merchant's sheet: a frame whose page asks for none of them never loads
 * it. Like the base styles, every selector sits in `:where()`, so merchant rules win.
 */
export const LAYOUT_CSS = `
/* Floating labels: inside the input, resting like a placeholder, floating once it has focus
   or a value. They sit on the input's background, so they take its text colours. */
:where(.Field--floating .Label) {
  position: absolute;
  z-index: 3;
  inset-inline-start: calc(var(--spacingUnit) * 6 + 1px);
  top: calc(var(--spacingUnit) * 3);
  max-width: calc(100% - var(--spacingUnit) * 12);
  margin: 0;
  overflow: hidden;
  color: var(--colorTextSecondary);
  font-size: calc(var(--fontSizeBase) * 0.75);
  white-space: nowrap;
  text-overflow: ellipsis;
  pointer-events: none;
  transition:
    top 0.15s ease,
    font-size 0.15s ease;
}
:where(.Field--floating .Label--resting) {
  top: calc(var(--spacingUnit) * 6 + 1px + var(--fontSizeBase) * 0.3);
  color: var(--colorTextPlaceholder);
  font-size: var(--fontSizeBase);
}
:where(.Field--floating .Input) {
  padding-top: calc(var(--spacingUnit) * 6 + var(--fontSizeBase) * 0.6);
  padding-bottom: calc(var(--spacingUnit) * 2);
}
:where(.Field--floating .Input:not(:focus))::placeholder {
  color: transparent;
}
:where(.Field--floating.Field--icon .Label) {
  max-width: calc(100% - var(--spacingUnit) * 12 - 40px);
}

/* Condensed: the inputs of one element form a single block, borders shared. */
:where(.Block--condensed .Group, .Block--condensed .Row) {
  gap: 0;
}
:where(.Block--condensed .Input) {
  border-radius: 0;
}
:where(.Block--condensed .Group > :not(:first-child)) {
  margin-top: -1px;
}
:where(.Block--condensed .Row > :not(:first-child)) {
  margin-inline-start: -1px;
}
:where(.Block--condensed .Input:focus) {
  position: relative;
  z-index: 2;
}
:where(.Block--condensed .Group > :first-child .Input) {
  border-start-start-radius: var(--borderRadius);
  border-start-end-radius: var(--borderRadius);
}
:where(
  .Block--condensed .Group > .Field:last-child .Input,
  .Block--condensed .Group > .Row:last-child > .Field:first-child .Input
) {
  border-end-start-radius: var(--borderRadius);
}
:where(
  .Block--condensed .Group > .Field:last-child .Input,
  .Block--condensed .Group > .Row:last-child > .Field:last-child .Input
) {
  border-end-end-radius: var(--borderRadius);
}

/* The flat theme: filled inputs, a line below instead of a frame. */
:where(.theme-flat .Input) {
  border-color: transparent transparent var(--inputColorBorder);
}
:where(.theme-flat .Input:focus) {
  border-color: var(--inputFocusColorBorder);
}
:where(.theme-flat .Input--invalid) {
  border-bottom-color: var(--colorDanger);
}
`;
