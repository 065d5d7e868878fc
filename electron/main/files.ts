import { app, dialog } from 'electron';
import type { BrowserWindow, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileSaveRequest, FileSaveResult } from '../../shared/ipc';
import { OPENABLE_EXTENSIONS } from './open-files';

/**
 * Writes `data` to `target` through a temporary file in the same folder and a rename, so a full disk or
 * a crash mid-write leaves either the old file or the new one, never half of one.
 */
export async function writeFileAtomically(target: string, data: string | Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Asks the user where to keep a file (an export, a result file) and writes it there. */
export async function saveFile(parent: BrowserWindow | null, request: FileSaveRequest): Promise<FileSaveResult> {
  const extension = path.extname(request.suggestedName).slice(1);
  const options: SaveDialogOptions = {
    defaultPath: path.join(app.getPath('documents'), request.suggestedName),
    filters: extension ? [{ name: `${extension.toUpperCase()} (${request.mimeType})`, extensions: [extension] }] : [],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const { canceled, filePath } = parent
    ? await dialog.showSaveDialog(parent, options)
    : await dialog.showSaveDialog(options);
  if (canceled || !filePath) return { saved: false };
  await writeFileAtomically(filePath, request.data);
  return { saved: true, location: filePath };
}

/** File → Open…: the files the user picked (none if cancelled), limited to the kinds Loupe opens. */
export async function chooseFilesToOpen(parent: BrowserWindow | null): Promise<string[]> {
  const options: OpenDialogOptions = {
    properties: ['openFile', 'multiSelections'],
    filters: [{ name: 'Loupe batches, results and AI output', extensions: [...OPENABLE_EXTENSIONS] }],
  };
  const { canceled, filePaths } = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return canceled ? [] : filePaths;
}
