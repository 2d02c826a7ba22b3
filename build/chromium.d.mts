/** The Chromium executable (GPJOBS_CHROMIUM, else Debian's /usr/bin/chromium). */
export const CHROMIUM_PATH: string;
/** Launch switches for headless use in a sandbox-less container. */
export const CHROMIUM_ARGS: readonly string[];
