// Types whose selection can be set (number and email inputs refuse setRangeText).
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'tel', 'url', 'password']);

/**
 * Types text that the wedge detector held back into the focused field, as the keys would have.
 * `setRangeText` bypasses React's value tracker, so the `input` event reaches onChange.
 */
export function typeIntoFocusedField(text: string): void {
  const field = document.activeElement;
  const editable =
    (field instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(field.type)) || field instanceof HTMLTextAreaElement;
  if (!editable || field.readOnly || field.disabled || text === '') return;
  const room = field.maxLength >= 0 ? Math.max(0, field.maxLength - field.value.length) : text.length;
  const accepted = text.slice(0, room);
  if (accepted === '') return;
  const start = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? start;
  field.setRangeText(accepted, start, end, 'end');
  field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: accepted }));
}
