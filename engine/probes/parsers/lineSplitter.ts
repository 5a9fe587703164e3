// Turns a stream of text chunks into whole lines (without the newline), keeping the partial tail.
export class LineSplitter {
  private tail = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    let text = this.tail + chunk;
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0) break;
      this.onLine(text.slice(start, end));
      start = end + 1;
    }
    this.tail = text.slice(start);
    text = '';
  }

  finish(): void {
    if (this.tail !== '') this.onLine(this.tail);
    this.tail = '';
  }
}
