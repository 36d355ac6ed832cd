import type { ReactiveController, ReactiveControllerHost } from 'lit';

const SCROLLS_UP = /^(ArrowUp|PageUp|Home)$/;
/** How long after a resize a scroll up may be layout settling rather than the reader. */
const SETTLE_MS = 100;

/**
 * Keeps a scroll container pinned to its bottom while the reader is there, and lets go the
 * moment they scroll up: by wheel, touch, keyboard or scrollbar. Modelled on Lit's
 * `ResizeController`: it observes on connect and stops on disconnect.
 *
 * Sizes are watched with a ResizeObserver on the scroller and each of its children (the
 * content; a MutationObserver adds the children that replace or join it), whose callbacks run
 * after layout and before paint, so growing content never shows a frame
 * off the bottom. Reader input is recognised from the input itself, before the scroll it
 * causes (browsers animate wheel and key scrolls: pinning in between would fight the reader);
 * a finger on the list or a mouse on its scrollbar holds the view still. A scroll up with no
 * such input (a script, assistive technology) counts too, except right after a resize: layout
 * moves the offset by itself then (clamping while content briefly shrinks, scroll anchoring).
 */
export class AutoScrollController implements ReactiveController {
  /** Whether the view follows new content; false once the reader scrolls away from the bottom. */
  following = true;

  readonly #host: ReactiveControllerHost;
  readonly #target: () => HTMLElement | null | undefined;
  #scroller: HTMLElement | undefined;
  #observer: ResizeObserver | undefined;
  /** Watches the scroller's children, so content that replaces the old is observed too. */
  #children: MutationObserver | undefined;
  /** A finger or a mouse button is down on the list: the reader is moving it. */
  #holding = false;
  #lastTop = 0;
  #resizedAt = 0;

  /** `target` returns the scroll container once the host has rendered it. */
  constructor(host: ReactiveControllerHost, target: () => HTMLElement | null | undefined) {
    this.#host = host;
    this.#target = target;
    host.addController(this);
  }

  hostConnected(): void {
    // A scroller put back into the page starts at the top again.
    this.#lastTop = 0;
    if (this.#scroller) this.#observe(this.#scroller);
  }

  hostUpdated(): void {
    if (this.#scroller) return;
    const scroller = this.#target();
    if (!scroller) return;
    this.#scroller = scroller;
    const listen = (type: string, listener: (event: never) => void) =>
      scroller.addEventListener(type, listener as EventListener, { passive: true });
    const leave = () => {
      // Nothing to leave when the content does not overflow: keep following.
      if (scroller.scrollTop > 0) this.#follow(false);
    };
    const hold = () => (this.#holding = true);
    const release = () => {
      this.#holding = false;
      this.#update(true);
    };
    listen('scroll', () => this.#update(false));
    listen('wheel', (event: WheelEvent) => event.deltaY < 0 && leave());
    listen('keydown', (event: KeyboardEvent) => {
      if (SCROLLS_UP.test(event.key) || (event.key === ' ' && event.shiftKey)) leave();
    });
    listen('touchstart', hold);
    listen('touchend', release);
    listen('touchcancel', release);
    // A press on the scroller itself, not on its content, is a press on its scrollbar.
    listen('pointerdown', (event: PointerEvent) => {
      if (event.target !== scroller) return;
      hold();
      scroller.ownerDocument.addEventListener('pointerup', release, { once: true });
    });
    this.#observe(scroller);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#children?.disconnect();
    this.#children = undefined;
  }

  /** Follows again and scrolls to the bottom, smoothly unless the reader prefers reduced motion. */
  scrollToBottom(smooth = false): void {
    this.#follow(true);
    const scroller = this.#scroller;
    const instant = !smooth || matchMedia('(prefers-reduced-motion: reduce)').matches;
    scroller?.scrollTo({ top: scroller.scrollHeight, behavior: instant ? 'instant' : 'smooth' });
  }

  #observe(scroller: HTMLElement): void {
    this.#observer ??= new ResizeObserver(() => {
      this.#resizedAt = performance.now();
      this.#update(true);
    });
    const observer = this.#observer;
    observer.observe(scroller);
    for (const child of scroller.children) observer.observe(child);
    this.#children ??= new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.removedNodes)
          if (node instanceof Element) observer.unobserve(node);
        for (const node of record.addedNodes) if (node instanceof Element) observer.observe(node);
      }
    });
    this.#children.observe(scroller, { childList: true });
  }

  /**
   * On a scroll: works out whether the reader follows. Reaching the bottom while moving down
   * resumes following (an eased scroll up starts with tiny steps that are still "at the
   * bottom"). On a resize (`pin`): keeps the bottom in view while following.
   */
  #update(pin: boolean): void {
    const scroller = this.#scroller!;
    const top = scroller.scrollTop;
    if (pin) {
      if (!this.following || this.#holding) return;
      scroller.scrollTop = scroller.scrollHeight;
      this.#lastTop = scroller.scrollTop;
      return;
    }
    // Fractional scroll offsets on high-DPI screens and zoom never land exactly on the end:
    // allow a device pixel of rounding plus the CSS pixel that scrollHeight rounds away.
    const slack = 1 + 1 / devicePixelRatio;
    const settling = performance.now() - this.#resizedAt < SETTLE_MS;
    if (top < this.#lastTop) {
      if (this.#holding || !settling) this.#follow(false);
    } else if (scroller.scrollHeight - scroller.clientHeight - top <= slack) {
      this.#follow(true);
    }
    this.#lastTop = top;
  }

  #follow(following: boolean): void {
    if (this.following !== following) {
      this.following = following;
      this.#host.requestUpdate();
    }
  }
}
