import { Component, CUSTOM_ELEMENTS_SCHEMA, input, signal } from '@angular/core';
import 'stream-chat-elements/define';
import type { ChatMessage, ChatTransport } from 'stream-chat-elements';

/**
 * CUSTOM_ELEMENTS_SCHEMA lets the template use the kit's tags; Angular sets `[transport]` and
 * `[messages]` as properties, and `$event` is typed from the kit's event map.
 */
@Component({
  selector: 'app-chat-panel',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <section>
      <stream-chat
        id="chat"
        [transport]="transport()"
        [messages]="messages"
        (stream-open)="status.set('Answering…')"
        (stream-token)="received.set(received() + $event.detail.text.length)"
        (stream-end)="status.set('Answered: ' + $event.detail.message.content)"
        (stream-error)="status.set('Failed: ' + $event.detail.error.code)"
        (stream-abort)="status.set('Stopped after ' + $event.detail.partial.length + ' characters')"
        (message-feedback)="status.set('Rated ' + ($event.detail.value ?? 'nothing'))"
      ></stream-chat>
      <stop-button for="chat"></stop-button>
      <p role="status">{{ status() }}</p>
      <p>{{ received() }} characters received</p>
    </section>
  `,
})
export class ChatPanelComponent {
  readonly transport = input.required<ChatTransport>();
  protected readonly messages: ChatMessage[] = [
    { role: 'assistant', content: 'Hi! Ask me anything.' },
  ];
  protected readonly status = signal('Ready');
  protected readonly received = signal(0);
}
