/**
 * Terminal colour, only where it helps: on a terminal, unless NO_COLOR is set
 * (https://no-color.org); FORCE_COLOR turns it on for pipes (CI logs that render ANSI).
 */

export interface Palette {
  red(s: string): string
  magenta(s: string): string
  yellow(s: string): string
  cyan(s: string): string
  green(s: string): string
  bold(s: string): string
  dim(s: string): string
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`

const ANSI: Palette = {
  red: wrap(31, 39),
  magenta: wrap(35, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
  green: wrap(32, 39),
  bold: wrap(1, 22),
  dim: wrap(2, 22)
}

const identity = (s: string) => s
const PLAIN: Palette = { red: identity, magenta: identity, yellow: identity, cyan: identity, green: identity, bold: identity, dim: identity }

/** The palette for a stream: ANSI colours on a terminal, plain text otherwise. */
export function paletteFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Palette {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return PLAIN
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return ANSI
  return stream.isTTY === true ? ANSI : PLAIN
}
