// Node options the language server is started with (by the VS Code client, the bench, and the README's
// editor set-ups). V8 sizes its heap at start, so these cannot be set from inside the server.
//
// Parsing keeps a tree of many small objects; with V8's default young generation (16 MB semi-spaces
// here) they are copied by several scavenges before they settle. 32 MB semi-spaces parse a
// 30,000-line cmake Makefile in ~11 ms instead of ~15 ms (median, bench/README.md), for up to ~32 MB
// more memory while parsing.
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=32'];
