/**
 * A value as it arrives through JSON: dates become ISO strings. Pages hand server data to client
 * components in this shape, so the first render and every refetch from the API have the same type.
 */
export type Json<T> = T extends Date
  ? string
  : T extends (infer Item)[]
    ? Json<Item>[]
    : T extends object
      ? { [Key in keyof T]: Json<T[Key]> }
      : T;

export function toJson<T>(value: T): Json<T> {
  return JSON.parse(JSON.stringify(value)) as Json<T>;
}
