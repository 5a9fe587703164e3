// The one place the bundle reads the `vscode` module: every `import * as vscode from 'vscode'` is pointed here by the
// build (esbuild.mjs). esbuild would otherwise copy each of the API's several hundred members onto a namespace
// object of its own for every importing file (~35 files: tens of milliseconds at activation); here they are
// copied once.
export * from 'vscode';
