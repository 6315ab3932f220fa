// Idle lock. After TIMEOUT with no keyboard, pointer, touch or scroll input
// the UI signs out and clears the screen. WARN before that, a dialog says so
// and any input keeps the session (WCAG 2.2.1: warned, with a simple action
// to extend). Activity is shared between the tabs of this browser, so
// working in one tab keeps the others open, and a sign-out in one tab
// clears all of them. Date.now() is compared on every tick, so a laptop
// that slept past the limit locks as soon as it wakes.

const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'scroll'];
const CHANNEL = 'lantern';

export class IdleLock {
  /**
   * @param {object} o
   * @param {number} o.timeoutMs   idle time before locking
   * @param {number} o.warnMs      how long before locking to warn
   * @param {(msLeft:number)=>void} o.onWarn   called every tick while warning
   * @param {()=>void} o.onResume  warning withdrawn (input came)
   * @param {()=>void} o.onActive  input came (throttled to once a second)
   * @param {()=>void} o.onLock    time is up
   * @param {()=>void} o.onRemoteSignOut  another tab signed out
   */
  constructor(o) {
    Object.assign(this, o);
    this.last = Date.now();
    this.warning = false;
    this.timer = null;
    this.lastShared = 0;
    this.onInput = this.onInput.bind(this);
    this.tick = this.tick.bind(this);
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
    if (this.channel) this.channel.onmessage = (e) => this.onMessage(e.data);
  }

  start() {
    this.last = Date.now();
    for (const ev of INPUT_EVENTS) window.addEventListener(ev, this.onInput, { capture: true, passive: true });
    document.addEventListener('visibilitychange', this.tick);
    this.timer = setInterval(this.tick, 1000);
  }

  stop() {
    for (const ev of INPUT_EVENTS) window.removeEventListener(ev, this.onInput, { capture: true });
    document.removeEventListener('visibilitychange', this.tick);
    clearInterval(this.timer);
    this.timer = null;
    if (this.warning) {
      this.warning = false;
      this.onResume();
    }
  }

  close() {
    this.stop();
    this.channel?.close();
    this.channel = null;
  }

  onMessage(msg) {
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'activity' && typeof msg.at === 'number') this.touch(Math.min(msg.at, Date.now()), false);
    if (msg.type === 'signout') this.onRemoteSignOut();
  }

  onInput() {
    if (!this.timer) return;
    const now = Date.now();
    if (now - this.last < 1000) {
      this.last = now;
      return;
    }
    this.touch(now, true);
  }

  touch(at, local) {
    if (at <= this.last) return;
    this.last = at;
    if (this.warning) {
      this.warning = false;
      this.onResume();
    }
    if (local) {
      this.onActive();
      if (this.channel && at - this.lastShared > 5000) {
        this.lastShared = at;
        this.channel.postMessage({ type: 'activity', at });
      }
    }
  }

  tick() {
    if (!this.timer) return;
    const left = this.last + this.timeoutMs - Date.now();
    if (left <= 0) {
      this.stop();
      this.onLock();
    } else if (left <= this.warnMs) {
      this.warning = true;
      this.onWarn(left);
    }
  }
}
