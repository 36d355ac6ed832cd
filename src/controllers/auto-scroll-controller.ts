import type { ReactiveController, ReactiveControllerHost } from 'lit';

const SCROLLS_UP = /^(ArrowUp|PageUp|Home)$/;

/**
 * Keeps a scroll container pinned to its bottom while the reader is there, and lets go the
 * moment they scroll up: by wheel, touch, keyboard or scrollbar. Modelled on Lit's
 * `ResizeController`: it observes on connect and stops on disconnect.
 *
 * Sizes are watched with a ResizeObserver on the scroller and its first child (the content),
 * whose callbacks run after layout and before paint, so growing content never shows a frame
 * off the bottom. Wheel, key and touch input are handled before the scroll they cause, because
 * browsers animate those scrolls: pinning in between would fight the reader.
 */
export class AutoScrollController implements ReactiveController {
  /** Whether the view follows new content; false once the reader scrolls away from the bottom. */
  following = true;

  readonly #host: ReactiveControllerHost;
  readonly #target: () => HTMLElement | null | undefined;
  #scroller: HTMLElement | undefined;
  #observer: ResizeObserver | undefined;
  #touching = false;
  #lastTop = 0;

  /** `target` returns the scroll container once the host has rendered it. */
  constructor(host: ReactiveControllerHost, target: () => HTMLElement | null | undefined) {
    this.#host = host;
    this.#target = target;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#scroller) this.#observe(this.#scroller);
  }

  hostUpdated(): void {
    if (this.#scroller) return;
    const scroller = this.#target();
    if (!scroller) return;
    this.#scroller = scroller;
    const stop = () => {
      // Nothing to leave when the content does not overflow: keep following.
      if (scroller.scrollTop > 0) this.#follow(false);
    };
    scroller.addEventListener('scroll', () => this.#onScroll(scroller), { passive: true });
    scroller.addEventListener('wheel', (event) => event.deltaY < 0 && stop(), { passive: true });
    scroller.addEventListener('keydown', (event) => {
      if (SCROLLS_UP.test(event.key) || (event.key === ' ' && event.shiftKey)) stop();
    });
    scroller.addEventListener('touchstart', () => (this.#touching = true), { passive: true });
    const release = () => {
      this.#touching = false;
      this.#pin();
    };
    scroller.addEventListener('touchend', release);
    scroller.addEventListener('touchcancel', release);
    this.#observe(scroller);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  /** Follows again and scrolls to the bottom, smoothly unless the reader prefers reduced motion. */
  scrollToBottom(smooth = false): void {
    this.#follow(true);
    const scroller = this.#scroller;
    const instant = !smooth || matchMedia('(prefers-reduced-motion: reduce)').matches;
    scroller?.scrollTo({ top: scroller.scrollHeight, behavior: instant ? 'instant' : 'smooth' });
  }

  #observe(scroller: HTMLElement): void {
    this.#observer ??= new ResizeObserver(() => this.#pin());
    this.#observer.observe(scroller);
    if (scroller.firstElementChild) this.#observer.observe(scroller.firstElementChild);
  }

  #pin(): void {
    const scroller = this.#scroller;
    if (this.following && !this.#touching && scroller) scroller.scrollTop = scroller.scrollHeight;
  }

  #onScroll(scroller: HTMLElement): void {
    const top = scroller.scrollTop;
    // Fractional scroll offsets on high-DPI screens and zoom never land exactly on the end:
    // allow a device pixel of rounding plus the CSS pixel that scrollHeight rounds away.
    const slack = 1 + 1 / devicePixelRatio;
    if (scroller.scrollHeight - scroller.clientHeight - top <= slack) this.#follow(true);
    else if (top < this.#lastTop) this.#follow(false);
    this.#lastTop = top;
  }

  #follow(following: boolean): void {
    if (this.following !== following) {
      this.following = following;
      this.#host.requestUpdate();
    }
  }
}
