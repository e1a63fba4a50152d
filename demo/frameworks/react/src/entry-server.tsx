import { StrictMode } from 'react';
import { renderToPipeableStream } from 'react-dom/server';
import { Writable } from 'node:stream';
import { App, type AppConfig } from './App.js';

/** The page's app as HTML, for `index.html`'s `<!--app-->`: the browser hydrates it. */
export function render(config: AppConfig): Promise<string> {
  return new Promise((resolve, reject) => {
    let html = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        html += chunk.toString();
        done();
      },
      final(done) {
        resolve(html);
        done();
      },
    });
    const { pipe } = renderToPipeableStream(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
      { onAllReady: () => pipe(sink), onShellError: reject },
    );
  });
}
