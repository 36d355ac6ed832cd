/**
 * Whether a keydown in a text area means "send": Enter without Shift, and never the Enter that
 * confirms an IME composition (Chinese, Japanese, Korean input). Safari reports that keydown
 * after compositionend, with keyCode 229; `composing` is the caller's own composition flag.
 */
export function isSendKey(event: KeyboardEvent, composing: boolean): boolean {
  return (
    event.key === 'Enter' &&
    !event.shiftKey &&
    !event.isComposing &&
    !composing &&
    event.keyCode !== 229
  );
}
