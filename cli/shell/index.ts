/** What every command stands on: arguments, errors and exit codes, stdout/stderr and progress, files and keys, the server's API. */
export type { Args, Command } from './command';
export { parseCommandArgs, helpHint, text, texts, flag, required } from './args';
export { CliError, inputError, usageError } from './errors';
export { processIo, type Io, type Progress } from './io';
export { readBytes, readText, utf8Text, writeFile } from './files';
export { signingKey, decryptionKey, encryptionRecipient, readProblem } from './key-files';
export { serverAddress, serverApi } from './server-api';
