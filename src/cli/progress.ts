/** One progress line rewritten in place on stderr, on a terminal outside CI (undefined otherwise). */
export function terminalProgress(wanted: boolean): { show(text: string): void; clear(): void } | undefined {
  if (!wanted || !process.stderr.isTTY || process.env['CI']) return undefined;
  return {
    show: (text) => process.stderr.write(`\r\u001b[2K  ${text}`),
    clear: () => process.stderr.write('\r\u001b[2K'),
  };
}
