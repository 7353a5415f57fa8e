/** Colours the option builders use; the component reads them from CSS variables. */
export interface ChartPalette {
  text: string
  muted: string
  grid: string
  accent: string
  accentSoft: string
  selected: string
  line: string
  background: string
  series: string[]
}

export const LIGHT_PALETTE: ChartPalette = {
  text: '#1b1f27',
  muted: '#5a6271',
  grid: '#e3e6ec',
  accent: '#2456d6',
  accentSoft: '#a9bdf0',
  selected: '#d9480f',
  line: '#0f9d76',
  background: '#ffffff',
  series: ['#2456d6', '#0f9d76', '#d9480f', '#8e44ad', '#c2185b', '#7c6f00'],
}

export const DARK_PALETTE: ChartPalette = {
  text: '#e7eaf0',
  muted: '#a3abba',
  grid: '#2f3644',
  accent: '#7aa2ff',
  accentSoft: '#3c4f80',
  selected: '#ff9e6b',
  line: '#4fd1a5',
  background: '#171b22',
  series: ['#7aa2ff', '#4fd1a5', '#ff9e6b', '#c39bff', '#ff7eb6', '#e6d36a'],
}
