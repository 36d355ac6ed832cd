/** Every string `<token-view>` shows or announces; replace any of them with `strings`. */
export interface TokenViewStrings {
  /** The copy button of a code block. */
  copy: string;
  /** Accessible name of the copy button. */
  copyCode: string;
  /** Shown on the copy button and announced once the code is copied. */
  copied: string;
  /** Shown and announced when the clipboard refused the copy. */
  copyFailed: string;
  /** The button standing for an image from an untrusted origin; `{host}` is the image's host. */
  loadImage: string;
  /** The toggle button that shows a diagram's Mermaid source instead of the diagram. */
  showSource: string;
  /** Accessible name of a rendered diagram; `{type}` is Mermaid's diagram type. */
  diagram: string;
  /** Below a Mermaid block that could not be drawn. */
  diagramFailed: string;
}

export const defaultTokenViewStrings: TokenViewStrings = {
  copy: 'Copy',
  copyCode: 'Copy code',
  copied: 'Copied',
  copyFailed: 'Copy failed',
  loadImage: 'Load image from {host}',
  showSource: 'Source',
  diagram: 'Diagram ({type})',
  diagramFailed: 'This diagram could not be drawn; its source is shown.',
};
