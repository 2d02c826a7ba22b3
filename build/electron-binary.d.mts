/** Absolute path of the Electron binary, or null when it has not been downloaded. */
export function findElectronBinary(): string | null;
/** What an administrator reads when the desktop window cannot open here. */
export const NO_BINARY_MESSAGE: string;
