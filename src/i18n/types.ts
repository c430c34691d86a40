type P = Record<string, string | number>;

/** A catalogue's messages: each says itself from its parameters. */
export type Messages<T> = { [K in keyof T]: (p: P) => string };
