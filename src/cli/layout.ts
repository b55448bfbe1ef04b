// The shapes a table and a profile are drawn from, shared by the output layer and the table renderer.

export type Tone = 'red' | 'yellow' | 'green' | 'dim' | 'bold' | undefined;

/** A titled block of `label  value` lines (profiles, checks, reports). */
export interface Section {
  title: string;
  /** `label  value`; a value given as cells is lined up in columns with the section's other lines. */
  lines: Array<[string, string | string[]]>;
}
