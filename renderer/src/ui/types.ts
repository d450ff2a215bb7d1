/** One label/value pair of a Fields grid. */
export interface FieldItem {
  label: string;
  value: string | null | undefined;
  /** Rendered in the monospace face (codes, numbers people read out). */
  mono?: boolean;
  wide?: boolean;
}

/** One tab of a Tabs bar; `marker` is a short count shown beside the label. */
export interface TabItem {
  id: string;
  label: string;
  marker?: string;
}
