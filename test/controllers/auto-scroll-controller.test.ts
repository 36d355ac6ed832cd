import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { LitElement, css } from 'lit';
import { AutoScrollController } from '../../src/controllers/auto-scroll-controller.js';
import { frames, until } from './manual-transport.js';

class ScrollHost extends LitElement {
  static override styles = css`
    .scroller {
      height: 100px;
      overflow-y: auto;
    }
    .content > div {
      height: 40px;
    }
  `;
  autoScroll = new AutoScrollController(this, () => this.scroller);

  get scroller(): HTMLElement {
    return this.renderRoot.querySelector<HTMLElement>('.scroller')!;
  }

  /** Puts a new, empty content element in place of the old one (as a re-render might). */
  replaceContent(): void {
    const fresh = document.createElement('div');
    fresh.className = 'content';
    this.renderRoot.querySelector('.content')!.replaceWith(fresh);
  }

  /** Appends `count` rows of 40px (or `height`). */
  add(count: number, height?: string): void {
    const content = this.renderRoot.querySelector('.content')!;
    for (let i = 0; i < count; i += 1) {
      const row = document.createElement('div');
      row.textContent = `row ${content.children.length}`;
      if (height) row.style.height = height;
      content.append(row);
    }
  }

  override render() {
    return html`<div class="scroller" tabindex="0"><div class="content"></div></div>`;
  }
}
customElements.define('scroll-host', ScrollHost);

function gap(scroller: HTMLElement): number {
  return scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;
}

/** Sets scrollTop and waits for its scroll event (dispatched with the next frame) to be handled. */
async function scrollTo(scroller: HTMLElement, top: number): Promise<void> {
  scroller.scrollTop = top;
  await frames(2);
}

/**
 * Drives the clock the controller reads (`performance.now()`) by hand, so "right after a
 * resize" and "later" do not depend on how fast this machine is.
 */
function manualClock() {
  const real = Object.getOwnPropertyDescriptor(performance, 'now');
  let now = 1_000;
  performance.now = () => now;
  return {
    advance: (ms: number) => (now += ms),
    restore: () => {
      if (real) Object.defineProperty(performance, 'now', real);
      else delete (performance as { now?: unknown }).now;
    },
  };
}

/** Drags the scrollbar: a press on the scroller itself, a scroll, a release. */
async function dragScrollbar(scroller: HTMLElement, top: number): Promise<void> {
  scroller.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
  await scrollTo(scroller, top);
  document.dispatchEvent(new PointerEvent('pointerup'));
}

describe('AutoScrollController', function () {
  this.timeout(15_000);
  let el: ScrollHost;
  beforeEach(async () => {
    el = await fixture<ScrollHost>(html`<scroll-host></scroll-host>`);
  });
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('keeps the view at the bottom while content grows', async () => {
    for (let i = 0; i < 5; i += 1) {
      el.add(3);
      await frames(2);
      expect(gap(el.scroller)).to.be.at.most(1);
    }
    expect(el.scroller.scrollTop).to.be.above(400);
    expect(el.autoScroll.following).to.equal(true);
  });

  it('stops following when the reader drags the scrollbar up, and resumes at the bottom', async () => {
    el.add(10);
    await frames(2);
    el.add(1);
    await dragScrollbar(el.scroller, el.scroller.scrollTop - 120);
    expect(el.autoScroll.following).to.equal(false);
    const top = el.scroller.scrollTop;
    el.add(5);
    await frames(2);
    expect(el.scroller.scrollTop, 'the reader is left where they are').to.equal(top);
    await dragScrollbar(el.scroller, el.scroller.scrollHeight);
    expect(el.autoScroll.following).to.equal(true);
    el.add(2);
    await frames(2);
    expect(gap(el.scroller)).to.be.at.most(1);
  });

  it('holds still while the scrollbar is pressed', async () => {
    el.add(10);
    await frames(2);
    el.scroller.dispatchEvent(new PointerEvent('pointerdown'));
    el.add(5);
    await frames(2);
    expect(gap(el.scroller)).to.be.above(100);
    document.dispatchEvent(new PointerEvent('pointerup'));
    expect(gap(el.scroller)).to.be.at.most(1);
  });

  it('takes a scroll up by a script for the reader, but not right after a resize', async () => {
    const clock = manualClock();
    try {
      el.add(10);
      await frames(2);
      el.add(1);
      await frames(2);
      // Layout settling (a clamp while content briefly shrank) moves the offset by itself:
      // the clock stands still, so this scroll comes right after the resize.
      await scrollTo(el.scroller, el.scroller.scrollTop - 30);
      expect(el.autoScroll.following).to.equal(true);
      await frames(2);
      clock.advance(1_000);
      await scrollTo(el.scroller, el.scroller.scrollTop - 30);
      expect(el.autoScroll.following).to.equal(false);
    } finally {
      clock.restore();
    }
  });

  it('follows content that replaces the old content element', async () => {
    el.add(10);
    await frames(2);
    el.replaceContent();
    await frames(2);
    el.add(10);
    await frames(2);
    expect(gap(el.scroller)).to.be.at.most(1);
    el.add(5);
    await frames(2);
    expect(gap(el.scroller), 'still following the new content').to.be.at.most(1);
    expect(el.scroller.scrollTop).to.be.above(400);
  });

  it('stops following on a wheel turn upwards, before the scroll it causes', async () => {
    el.add(10);
    await frames(2);
    el.scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: 40, bubbles: true }));
    expect(el.autoScroll.following).to.equal(true);
    el.scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: -40, bubbles: true }));
    expect(el.autoScroll.following).to.equal(false);
    el.add(3);
    await frames(2);
    expect(gap(el.scroller)).to.be.above(100);
  });

  it('keeps following when there is nothing to scroll', async () => {
    el.add(1);
    await frames(2);
    el.scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: -40 }));
    expect(el.autoScroll.following).to.equal(true);
    el.add(10);
    await frames(2);
    expect(gap(el.scroller)).to.be.at.most(1);
  });

  it('stops following when the keyboard scrolls up (real key presses)', async () => {
    el.add(20);
    await frames(2);
    el.scroller.focus();
    await sendKeys({ press: 'PageUp' });
    expect(el.autoScroll.following).to.equal(false);
    el.add(3);
    await frames(2);
    expect(gap(el.scroller)).to.be.above(100);
    await sendKeys({ press: 'End' });
    await until(() => el.autoScroll.following, 'End brings it back', { timeout: 5000 });
  });

  it('holds still while a finger is on the list, and pins again when it lifts', async () => {
    el.add(10);
    await frames(2);
    el.scroller.dispatchEvent(new Event('touchstart'));
    el.add(5);
    await frames(2);
    expect(gap(el.scroller)).to.be.above(100);
    el.scroller.dispatchEvent(new Event('touchend'));
    expect(gap(el.scroller)).to.be.at.most(1);
  });

  it('counts a stop within rounding of the end as the bottom (zoom, high-DPI), but no more', async () => {
    el.style.zoom = '1.37';
    el.add(20, '33.3px');
    await frames(2);
    await dragScrollbar(el.scroller, 0);
    expect(el.autoScroll.following).to.equal(false);
    await dragScrollbar(el.scroller, el.scroller.scrollHeight);
    expect(el.autoScroll.following, 'the end of a zoomed list').to.equal(true);
    el.style.zoom = '';
    await frames(2);
    const max = () => el.scroller.scrollHeight - el.scroller.clientHeight;
    await dragScrollbar(el.scroller, 0);
    await dragScrollbar(el.scroller, max() - 1);
    expect(el.autoScroll.following, '1px short counts as the bottom').to.equal(true);
    await dragScrollbar(el.scroller, 0);
    await dragScrollbar(el.scroller, max() - 5);
    expect(el.autoScroll.following, '5px short does not').to.equal(false);
  });

  it('scrollToBottom(true) scrolls smoothly, or instantly with prefers-reduced-motion', async () => {
    el.add(30);
    await frames(2);
    await dragScrollbar(el.scroller, 0);
    expect(el.autoScroll.following).to.equal(false);
    el.autoScroll.scrollToBottom(true);
    expect(el.autoScroll.following).to.equal(true);
    expect(el.scroller.scrollTop, 'a smooth scroll is still under way').to.be.below(1000);
    await until(() => gap(el.scroller) <= 1, 'reaches the bottom', { timeout: 5000 });

    await emulateMedia({ reducedMotion: 'reduce' });
    await dragScrollbar(el.scroller, 0);
    el.autoScroll.scrollToBottom(true);
    expect(gap(el.scroller)).to.be.at.most(1);
  });

  it('stops observing while disconnected and observes again when reconnected', async () => {
    const Native = window.ResizeObserver;
    const live = new Set<ResizeObserver>();
    window.ResizeObserver = class extends Native {
      override observe(target: Element, options?: ResizeObserverOptions) {
        live.add(this);
        super.observe(target, options);
      }
      override disconnect() {
        live.delete(this);
        super.disconnect();
      }
    };
    try {
      const host = await fixture<ScrollHost>(html`<scroll-host></scroll-host>`);
      host.add(5);
      await frames(2);
      expect(live.size, 'observing while connected').to.equal(1);
      const parent = host.parentElement!;
      host.remove();
      expect(live.size, 'nothing observed while disconnected').to.equal(0);
      parent.append(host);
      expect(live.size, 'observing again').to.equal(1);
      host.add(10);
      await frames(2);
      expect(gap(host.scroller)).to.be.at.most(1);
    } finally {
      window.ResizeObserver = Native;
    }
  });
});
