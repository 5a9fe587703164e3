// What the active editor renders, read from Monaco's DOM: a line's text with its inlay hints, token colours, squiggles.
import type { Locator, Page } from 'playwright-core';

/** A box on the page, in CSS pixels. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Monaco draws spaces as no-break spaces and inlay hint padding as other blanks: all read as one space. */
const BLANKS = /\s+/g;

export class EditorRendering {
  constructor(private readonly page: Page) {}

  /** The rendered lines of the active editor (only those in view: Monaco virtualises them). */
  private get lines(): Locator {
    return this.page.locator('.editor-instance .monaco-editor .view-lines').first().locator('.view-line');
  }

  /** The texts of the rendered lines, blanks read as single spaces. */
  private async lineTexts(): Promise<string[]> {
    return (await this.lines.allTextContents()).map((text) => text.replace(BLANKS, ' '));
  }

  /** The rendered line whose text starts with `start`: its text as shown (blanks as single spaces), inlay hints included. */
  async lineText(start: string): Promise<string | undefined> {
    return (await this.lineTexts()).find((text) => text.startsWith(start));
  }

  /** The rendered line that starts with `start` once its indentation is trimmed, if one is shown. */
  private async lineStarting(start: string): Promise<Locator | undefined> {
    const index = (await this.lineTexts()).findIndex((text) => text.trimStart().startsWith(start));
    return index < 0 ? undefined : this.lines.nth(index);
  }

  /**
   * The computed colour of the token span whose whole text is `word`, on the rendered line that starts
   * with `start` once its indentation is trimmed; undefined while no such span is shown.
   */
  async tokenColour(start: string, word: string): Promise<string | undefined> {
    return (await this.lineStarting(start))?.evaluate((line, word) => {
      const span = [...line.querySelectorAll('span > span')].find((element) => element.textContent === word);
      return span ? span.ownerDocument.defaultView?.getComputedStyle(span).color : undefined;
    }, word);
  }

  /** Where `word` is drawn on the rendered line that starts with `start` (its first occurrence). */
  async textBox(start: string, word: string): Promise<Box | undefined> {
    return (await this.lineStarting(start))?.evaluate((line, word) => {
      // The line's text nodes in document order (a loop, not a named helper: the bundler's __name wrapper
      // of named functions does not exist in the page), to the one holding the word's first character.
      // The DOM's own types are not in this project's lib: a node's type is taken from the line's children.
      type DomNode = (typeof line.childNodes)[number];
      const textNodes: DomNode[] = [];
      const pending: DomNode[] = [line];
      while (pending.length > 0) {
        const node = pending.pop()!;
        if (node.nodeType === node.TEXT_NODE) textNodes.push(node);
        else pending.push(...[...node.childNodes].reverse());
      }
      const at = (line.textContent ?? '').replace(/\s/g, ' ').indexOf(word);
      if (at < 0) return undefined;
      let offset = 0;
      for (const node of textNodes) {
        const length = node.textContent?.length ?? 0;
        if (at < offset + length) {
          const range = line.ownerDocument.createRange();
          range.setStart(node, at - offset);
          range.setEnd(node, Math.min(length, at - offset + word.length));
          const rect = range.getBoundingClientRect();
          return { left: rect.left, top: rect.top, width: rect.width, height: rect.height };
        }
        offset += length;
      }
      return undefined;
    }, word);
  }

  /** The boxes of the error squiggles the active editor draws (class `squiggly-error` in its overlay layer). */
  async errorSquiggles(): Promise<Box[]> {
    return this.page
      .locator('.editor-instance .monaco-editor .view-overlays .squiggly-error')
      .evaluateAll((squiggles) =>
        squiggles.map((squiggle) => {
          const rect = squiggle.getBoundingClientRect();
          return { left: rect.left, top: rect.top, width: rect.width, height: rect.height };
        }),
      );
  }
}
