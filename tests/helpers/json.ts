/**
 * An answer as a test walks it: parsed JSON, or XML as the feed tests parse it. Its shape is
 * whatever the query or route asked for, and each path a test reads is one it asserts with
 * `expect`: typing every answer would restate the schema, and a wrong path fails the test
 * anyway. This is the tests' one deliberate `any`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type Json = any;
