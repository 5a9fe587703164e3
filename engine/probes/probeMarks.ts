// The probe's own marks in make's variables (its -p/-q flags, its --eval goal, its helper makefile),
// removed so that MAKEFLAGS, MFLAGS and MAKEFILE_LIST read as make shows them to the user's build.

export interface ProbeMarks {
  /** make's one-letter options the probe added (e.g. 'pq'). */
  letters: string;
  /** The probe passed --eval (make shows it as `$(-*-eval-flags-*-)` in MAKEFLAGS). */
  eval?: boolean;
  /** Helper makefiles the probe added with -f (they show in MAKEFILE_LIST). */
  helpers?: readonly string[];
}

const EVAL_FLAGS = '$(-*-eval-flags-*-)';

function withoutLetters(word: string, letters: string, dash: boolean): string {
  const body = dash ? word.slice(1) : word;
  const kept = [...body].filter((letter) => !letters.includes(letter)).join('');
  return kept === '' ? '' : `${dash ? '-' : ''}${kept}`;
}

/** `value` of variable `name` without what the probe itself added; other variables unchanged. */
export function withoutProbeMarks(name: string, value: string, marks: ProbeMarks): string {
  const words = value.split(' ').filter((word) => word !== '');
  switch (name) {
    case 'MAKEFLAGS': {
      // "pq -j2 --jobserver-auth=3,4 $(-*-eval-flags-*-) -- X=1": one-letter options come first, without a dash.
      const [first, ...rest] = words;
      if (first === undefined) return value;
      const letters =
        first.startsWith('-') || first.startsWith('$') ? first : withoutLetters(first, marks.letters, false);
      const kept = [letters === first ? first : letters, ...rest].filter(
        (word) => word !== '' && !(marks.eval && word === EVAL_FLAGS),
      );
      return kept[0]?.startsWith('-') ? ` ${kept.join(' ')}` : kept.join(' ');
    }
    case 'MFLAGS': {
      const [first, ...rest] = words;
      if (first === undefined || !/^-[^-]/.test(first)) return value;
      return [withoutLetters(first, marks.letters, true), ...rest].filter(Boolean).join(' ');
    }
    case 'MAKEFILE_LIST':
      return marks.helpers?.length ? words.filter((word) => !marks.helpers?.includes(word)).join(' ') : value;
    default:
      return value;
  }
}
