import { describe, expect, it } from 'vitest';
import {
  resolveConfigDir,
  resolveManagedProfilesPath,
  resolveProfilesPath,
} from '../../../../electron/core/config-dir';

describe('resolveConfigDir', () => {
  it('uses GPJOBS_CONFIG_DIR when set', () => {
    expect(resolveConfigDir({ GPJOBS_CONFIG_DIR: '/srv/gpjobs', HOME: '/home/ann' }, 'linux')).toBe(
      '/srv/gpjobs',
    );
  });

  it('uses $XDG_CONFIG_HOME on Linux', () => {
    expect(resolveConfigDir({ XDG_CONFIG_HOME: '/home/ann/.cfg', HOME: '/home/ann' }, 'linux')).toBe(
      '/home/ann/.cfg/gp-job-admin',
    );
  });

  it('falls back to ~/.config on Linux, ignoring a relative XDG_CONFIG_HOME', () => {
    expect(resolveConfigDir({ HOME: '/home/ann' }, 'linux')).toBe('/home/ann/.config/gp-job-admin');
    expect(resolveConfigDir({ HOME: '/home/ann', XDG_CONFIG_HOME: 'cfg' }, 'linux')).toBe(
      '/home/ann/.config/gp-job-admin',
    );
  });

  it('uses ~/Library/Application Support on macOS', () => {
    expect(resolveConfigDir({ HOME: '/Users/ann' }, 'darwin')).toBe(
      '/Users/ann/Library/Application Support/gp-job-admin',
    );
  });

  it('uses %APPDATA% on Windows', () => {
    expect(resolveConfigDir({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\gp-job-admin',
    );
  });

  it('puts profiles.json inside it', () => {
    expect(resolveProfilesPath({ HOME: '/home/ann' }, 'linux')).toBe(
      '/home/ann/.config/gp-job-admin/profiles.json',
    );
  });
});

describe('resolveManagedProfilesPath', () => {
  it('uses GPJOBS_MANAGED_CONFIG when set', () => {
    expect(resolveManagedProfilesPath({ GPJOBS_MANAGED_CONFIG: '/opt/it/profiles.json' }, 'linux')).toBe(
      '/opt/it/profiles.json',
    );
  });

  it('has a machine-wide default per OS', () => {
    expect(resolveManagedProfilesPath({}, 'linux')).toBe('/etc/gp-job-admin/profiles.json');
    expect(resolveManagedProfilesPath({}, 'darwin')).toBe(
      '/Library/Application Support/GP Job Admin/profiles.json',
    );
    expect(resolveManagedProfilesPath({ ProgramData: 'D:\\ProgramData' }, 'win32')).toBe(
      'D:\\ProgramData\\GP Job Admin\\profiles.json',
    );
    expect(resolveManagedProfilesPath({}, 'win32')).toBe('C:\\ProgramData\\GP Job Admin\\profiles.json');
  });
});
