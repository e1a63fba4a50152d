// For `tsc` without vue-tsc: a single-file component is a Vue component (vue-tsc reads its types).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
