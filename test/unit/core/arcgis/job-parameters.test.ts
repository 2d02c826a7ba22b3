import { describe, expect, it } from 'vitest';
import * as params from '../../../../electron/core/arcgis/job-parameters';

const { MAX_VALUE_CHARS, parameterText, parameterUrl } = params;

const PAGE = 'https://gis.example.com/arcgis/rest/services/Tools/Buffer/GPServer/Buffer/jobs/j1';

describe('parameterUrl', () => {
  it('resolves a paramUrl under the job page', () => {
    expect(parameterUrl(PAGE, 'results/Output')).toBe(`${PAGE}/results/Output`);
    expect(parameterUrl(`${PAGE}/`, 'inputs/Input_Features')).toBe(`${PAGE}/inputs/Input_Features`);
  });

  it('refuses anything that would send the token elsewhere', () => {
    for (const odd of [
      'https://evil.example.com/x',
      '//evil.example.com/x',
      '/arcgis/admin/security/users',
      '../../../admin/security',
      'results/../../j2/results/Output',
      'results/Output?token=x',
      'javascript:alert(1)',
      '',
    ])
      expect(parameterUrl(PAGE, odd), odd).toBeNull();
  });
});

describe('parameterText', () => {
  it('shows strings as they are and other values as JSON', () => {
    expect(parameterText('Input', '<b>Parcels</b>')).toBe('<b>Parcels</b>');
    expect(parameterText('Distance', { distance: 5, units: 'esriMeters' })).toBe(
      '{"distance":5,"units":"esriMeters"}',
    );
    expect(parameterText('Count', 3)).toBe('3');
    expect(parameterText('Nothing', null)).toBe('null');
  });

  it('hides tokens in URLs and the values of secret-looking parameters', () => {
    expect(parameterText('Output_File', { url: 'https://f.example/o.zip?token=abc123&x=1' })).toBe(
      '{"url":"https://f.example/o.zip?token=(hidden)&x=1"}',
    );
    expect(parameterText('Password', 'hunter2')).toBe('(hidden)');
    expect(parameterText('db_api_key', 'k')).toBe('(hidden)');
  });

  it('cuts very long values', () => {
    const text = parameterText('Features', 'x'.repeat(MAX_VALUE_CHARS + 50));
    expect(text).toHaveLength(MAX_VALUE_CHARS + 1);
    expect(text.endsWith('…')).toBe(true);
  });
});
