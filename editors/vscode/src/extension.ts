// Starts `journeymap lsp` for YAML files that are journey maps or persona
// files by content (a top-level `stages`, or `kind`), as EDITOR.md says.
// The server does everything else; this file only finds and starts it.

import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** A top-level `stages:` or `kind:` key, quoted or not. */
const MAP_OR_PERSONA = /^(stages|kind|"stages"|"kind"|'stages'|'kind')\s*:/m;

function isMapOrPersona(document: vscode.TextDocument): boolean {
  return document.languageId === "yaml" && MAP_OR_PERSONA.test(document.getText());
}

function start(context: vscode.ExtensionContext): void {
  if (client) {
    return;
  }
  const settings = vscode.workspace.getConfiguration("journeymap");
  const command = settings.get<string>("path", "journeymap");
  const args = ["lsp", ...settings.get<string[]>("extraArgs", [])];
  const serverOptions: ServerOptions = {
    run: { command, args, transport: TransportKind.stdio },
    debug: { command, args, transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "yaml" }, { scheme: "untitled", language: "yaml" }],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/*.{yaml,yml}"),
    },
  };
  client = new LanguageClient("journeymap", "journeymap", serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  client.start().catch((error: unknown) => {
    void vscode.window.showErrorMessage(
      `journeymap: cannot start \`${command} lsp\` (${String(error)}). Set "journeymap.path" to the binary.`,
    );
    client = undefined;
  });
}

export function activate(context: vscode.ExtensionContext): void {
  const consider = (document: vscode.TextDocument) => {
    if (isMapOrPersona(document)) {
      start(context);
    }
  };
  vscode.workspace.textDocuments.forEach(consider);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(consider));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("journeymap") && client) {
        await client.stop();
        client = undefined;
        vscode.workspace.textDocuments.forEach(consider);
      }
    }),
  );
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
