/** Base of the kit's events: a typed read-only `detail`, bubbling and composed out of shadow roots. */
export abstract class DetailEvent<T> extends Event {
  readonly detail: T;

  constructor(type: string, detail: T, cancelable = false) {
    super(type, { bubbles: true, composed: true, cancelable });
    this.detail = detail;
  }
}
