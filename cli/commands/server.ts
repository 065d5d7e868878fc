import { usageError, type Command } from '../shell';

export const server: Command = {
  name: 'server',
  summary: 'the sync server (not built yet)',
  help: `Usage: loupe server [--data DIR] [--database URL] [--host H] [--port N]

The sync server is not built yet. Until it is, hand batches out as .loupe files ("loupe batch create")
and collect .loupe-result files ("loupe results export").`,
  options: {
    data: { type: 'string' },
    database: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  run() {
    return Promise.reject(usageError('loupe server: the sync server is not built yet — hand batches out as .loupe files with "loupe batch create" and collect results with "loupe results export"'));
  },
};
