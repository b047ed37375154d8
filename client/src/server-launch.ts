/**
 * Node options the extension starts its language server with. Shared with the benchmark,
 * so that what it measures is what users run.
 *
 * A 4 MB young generation (V8's default allows 16 MB) measured best for both memory and
 * latency: one lint of a large file then fits in it, so its short-lived objects die young
 * instead of being promoted and swelling the old generation (1 MB did that: more RSS and a
 * slower round trip); larger sizes keep more garbage resident for no gain in speed.
 */
export const SERVER_EXEC_ARGV = ['--max-semi-space-size=4'];
