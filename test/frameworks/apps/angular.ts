// Angular's own packages ship partially compiled: the JIT compiler links them at run time, as
// in a dev build without the Angular linker. The example itself is compiled ahead of time by
// ngc (see test/server/routes/frameworks.mjs), as `ng build` would.
import '@angular/compiler';
import { createComponent, provideZonelessChangeDetection, VERSION } from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import type { ChatTransport } from 'stream-chat-elements';
import { ChatPanelComponent } from '../../../examples/angular/chat-panel.component.js';

export { mockTransport, StreamError } from 'stream-chat-elements';
export const framework = `Angular ${VERSION.full}`;

export async function mount(container: HTMLElement, transport: ChatTransport) {
  const app = await createApplication({ providers: [provideZonelessChangeDetection()] });
  const hostElement = document.createElement('app-chat-panel');
  container.append(hostElement);
  const panel = createComponent(ChatPanelComponent, {
    environmentInjector: app.injector,
    hostElement,
  });
  panel.setInput('transport', transport);
  app.attachView(panel.hostView);
  panel.changeDetectorRef.detectChanges();
  return () => {
    panel.destroy();
    app.destroy();
  };
}
