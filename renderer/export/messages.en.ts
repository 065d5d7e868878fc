/** English strings of Export (i18next namespace `export`). */
export const exportMessages = {
  button: 'Export',
  of: 'Results of “{{name}}”',
  nothing: 'Nothing to export yet: import a batch or open one, then export its results.',
  jsonl: 'Results JSONL',
  csv: 'Results CSV',
  loupeResult: 'Results for the coordinator (.loupe-result)',
  savedEvents_one: 'Saved {{count}} event of your work to {{file}}: give this file to your coordinator.',
  savedEvents_other: 'Saved {{count}} events of your work to {{file}}: give this file to your coordinator.',
  all: 'Include pending items',
  saved_one: 'Saved {{count}} result to {{file}}.',
  saved_other: 'Saved {{count}} results to {{file}}.',
  savedEmpty: 'Saved {{file}}; it is empty because no item has a verdict yet. Turn on “Include pending items” to export every item.',
  cancelled: 'Export cancelled.',
};
