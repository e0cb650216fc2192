#!/usr/bin/env node
// `govreport-language-server` (package.json "bin"): the language server for any editor. Runs
// dist/server.js in this process, which talks over the transport named on the command line as
// vscode-languageserver's createConnection reads it: --stdio, --node-ipc (the parent's IPC
// channel), --socket=PORT (connects to a client listening on PORT) or --pipe=NAME.
'use strict';
const path = require('node:path');

const args = process.argv.slice(2);
const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];
const usage = `Usage: govreport-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME

The GovReport language server (政府信息公开年报检查). Editors start it with --stdio; the settings
are read with workspace/configuration, section "govreport" (see README.md).
`;

if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(require(path.join(__dirname, '..', 'package.json')).version + '\n');
} else if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(usage);
} else if (!args.some((a) => TRANSPORTS.includes(a.split('=')[0]))) {
  process.stderr.write(`govreport-language-server: no transport given\n\n${usage}`);
  process.exitCode = 2;
} else {
  require(path.join(__dirname, '..', 'dist', 'server.js'));
}
