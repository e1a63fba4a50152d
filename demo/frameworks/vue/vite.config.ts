import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    vue({
      template: {
        compilerOptions: {
          // The Tessera elements are custom elements, not Vue components: Vue renders them as
          // they are, and does not warn that it cannot resolve them.
          isCustomElement: (tag) => tag.startsWith('tessera-'),
        },
      },
    }),
  ],
});
